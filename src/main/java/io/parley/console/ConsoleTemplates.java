package io.parley.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.parley.article.Article;
import io.parley.moderation.AuditPage;
import io.parley.moderation.StatsView;
import io.parley.moderation.ban.BanView;
import io.parley.moderation.rules.ModerationSettings;
import java.util.List;
import java.util.Map;

/** The console's pages, rendered on the server (templates/console/); scripts only add the keyboard and live parts. */
@CheckedTemplate(basePath = "console")
final class ConsoleTemplates {

    private ConsoleTemplates() {
    }

    static native TemplateInstance login(String message, boolean identityProvider, boolean devLogin);

    static native TemplateInstance queue(ConsoleQueue.Page page, ConsoleResource.View view, List<String> reasonCodes,
            String moderator, boolean admin, String csrfToken);

    static native TemplateInstance rules(ModerationSettings settings, Map<String, String> lists, List<BanView> bans,
            List<Article> articles, String moderator, boolean admin, String csrfToken);

    static native TemplateInstance audit(AuditPage page, String actor, String commentId, String since, String moderator, boolean admin,
            String csrfToken);

    static native TemplateInstance imports(List<io.parley.portability.ImportJobs.JobView> jobs, String moderator, boolean admin,
            String csrfToken);

    static native TemplateInstance stats(String period, StatsView numbers, String queueChart, String decisionsChart, String waitChart,
            String moderator, boolean admin, String csrfToken);
}
