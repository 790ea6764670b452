package io.parley.notify;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * Mail bodies, each a text and an HTML variant (templates/mail/NAME.txt and NAME.html), and the
 * pages the links in them open (templates/notify/).
 */
final class MailTemplates {

    private MailTemplates() {
    }

    /** A reply or new comment as a mail lists it. */
    record Reply(String authorName, String excerpt, String link) {
    }

    /** A waiting comment as an alert or a digest lists it. */
    record Waiting(long id, String articleTitle, String authorName, String excerpt, String reasons, String waiting, String link) {
    }

    @CheckedTemplate(basePath = "mail")
    static final class Mails {
        private Mails() {
        }

        static native TemplateInstance confirm(String articleTitle, String articleUrl, String commentExcerpt, boolean wholeArticle,
                String confirmLink, String hours, String unsubscribeLink);

        static native TemplateInstance replies(String articleTitle, String articleUrl, boolean wholeArticle, List<Reply> replies,
                String unsubscribeLink);

        static native TemplateInstance alert(String what, Waiting comment, String settingsLink);

        static native TemplateInstance digest(String period, long pending, long reported, long spam, List<Waiting> oldest,
                String queueLink, String settingsLink);

        static native TemplateInstance webhookDisabled(String url, String reason, String webhookLink);
    }

    @CheckedTemplate(basePath = "notify")
    static final class Pages {
        private Pages() {
        }

        static native TemplateInstance confirmed(Subscription subscription, String articleTitle, String articleUrl,
                String unsubscribeLink);

        static native TemplateInstance unsubscribe(String articleTitle, boolean wholeArticle, String action);

        static native TemplateInstance unsubscribed(String articleTitle, String articleUrl);

        static native TemplateInstance linkInvalid(String message);
    }
}
