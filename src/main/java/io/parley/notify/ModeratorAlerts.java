package io.parley.notify;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentEvents;
import io.parley.comment.CommentStatus;
import io.parley.common.ParleyConfig;
import io.parley.common.outbox.EventType;
import io.parley.common.outbox.OutboxConsumer;
import io.parley.common.outbox.OutboxEvent;
import io.parley.moderation.Reason;
import io.parley.moderation.rules.ModerationRules;
import io.parley.moderation.rules.ModerationSettings.ModeratorAlert;
import io.parley.moderation.rules.ModerationSettings.ModeratorAlert.AlertMode;
import io.parley.webhook.WebhookDisabled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Mail for moderators, to the addresses the moderation settings name ({@code alerts}): each held or
 * reported comment as it happens, or an hourly or daily digest of the queue; and the owner of a
 * webhook that was disabled. Every item links into the moderator console.
 */
@ApplicationScoped
class ModeratorAlerts implements OutboxConsumer {

    static final int OLDEST = 10;

    private final ModerationRules rules;
    private final MailQueue mail;
    private final EntityManager em;
    private final Clock clock;
    private final ParleyConfig config;
    private final PublicLinks links;

    ModeratorAlerts(ModerationRules rules, MailQueue mail, EntityManager em, Clock clock, ParleyConfig config, PublicLinks links) {
        this.links = links;
        this.rules = rules;
        this.mail = mail;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public void consume(List<OutboxEvent> events) {
        List<String> to = addresses(Set.of(AlertMode.IMMEDIATE));
        if (to.isEmpty()) {
            return;
        }
        // one mail per comment, even when a report sent it back to the queue (reported, then held)
        Map<Long, Set<EventType>> why = new LinkedHashMap<>();
        events.stream().filter(e -> e.eventType() == EventType.COMMENT_HELD || e.eventType() == EventType.COMMENT_REPORTED)
                .forEach(e -> why.computeIfAbsent(e.commentId(), id -> new HashSet<>()).add(e.eventType()));
        if (why.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Comment> comments = Comment.list("id in ?1 order by id", List.copyOf(why.keySet()));
        Map<String, Article> articles = articles(comments);
        for (Comment comment : comments) {
            boolean reported = why.get(comment.id).contains(EventType.COMMENT_REPORTED);
            String what = reported ? "A comment was reported by a reader." : "A comment is waiting for a moderator.";
            MailTemplates.Waiting item = waiting(comment, articles.get(comment.articleId), now);
            String subject = (reported ? "Reported: " : "Held: ") + item.authorName() + " on “" + item.articleTitle() + "”";
            to.forEach(address -> mail.enqueue("alert", address, subject, MailTemplates.Mails.alert(what, item, settingsLink()), Map.of()));
        }
    }

    @Scheduled(cron = "0 0 * * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTheHour() {
        Instant now = clock.instant();
        digest(AlertMode.HOURLY, now);
        if (now.atZone(ZoneOffset.UTC).getHour() == config.notifications().dailyDigestHour()) {
            digest(AlertMode.DAILY, now);
        }
    }

    /**
     * Sends the digest of {@code mode} for the period {@code at} falls in, unless a replica already
     * did: the first to record the period sends it.
     */
    void digest(AlertMode mode, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<String> to = addresses(Set.of(mode));
            if (to.isEmpty()) {
                return;
            }
            Instant period = at.truncatedTo(mode == AlertMode.HOURLY ? ChronoUnit.HOURS : ChronoUnit.DAYS);
            int first = em.createNativeQuery("insert into alert_digest (mode, period, created_at) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, mode.name().toLowerCase(Locale.ROOT)).setParameter(2, period)
                    .setParameter(3, clock.instant()).executeUpdate();
            if (first == 0) {
                return;
            }
            Object[] counts = (Object[]) em.createNativeQuery("""
                            select count(*) filter (where status = 'PENDING'), count(*) filter (where status = 'PENDING' and flag_count > 0),
                                   count(*) filter (where status = 'SPAM' and created_at >= ?1)
                            from comment where status in ('PENDING', 'SPAM')""")
                    .setParameter(1, at.minus(mode == AlertMode.HOURLY ? Duration.ofHours(1) : Duration.ofDays(1))).getSingleResult();
            List<Comment> oldest = Comment.find("status = ?1 order by createdAt, id", CommentStatus.PENDING).page(0, OLDEST).list();
            Map<String, Article> articles = articles(oldest);
            List<MailTemplates.Waiting> items = oldest.stream().map(c -> waiting(c, articles.get(c.articleId), at)).toList();
            String label = mode == AlertMode.HOURLY ? "this hour" : "today";
            long pending = ((Number) counts[0]).longValue();
            String subject = "Moderation " + (mode == AlertMode.HOURLY ? "hourly" : "daily") + " digest: " + pending + " waiting";
            to.forEach(address -> mail.enqueue("digest", address, subject, MailTemplates.Mails.digest(label, pending,
                    ((Number) counts[1]).longValue(), ((Number) counts[2]).longValue(), items, links.to("/admin/"), settingsLink()), Map.of()));
        });
    }

    /** Tells a disabled webhook's owner, or the moderators who get alerts when it has none; in the disabling transaction. */
    void webhookDisabled(@Observes WebhookDisabled disabled) {
        List<String> to = disabled.ownerEmail() != null ? List.of(disabled.ownerEmail()) : addresses(Set.of(AlertMode.values()));
        to.forEach(address -> mail.enqueue("webhook-disabled", address, "Webhook disabled: " + disabled.url(),
                MailTemplates.Mails.webhookDisabled(disabled.url(), disabled.reason(), links.to("/admin/v1/webhooks/" + disabled.id())),
                Map.of()));
    }

    private List<String> addresses(Set<AlertMode> modes) {
        List<ModeratorAlert> alerts = rules.current().values().alerts();
        return alerts == null ? List.of() : alerts.stream().filter(a -> modes.contains(a.mode())).map(ModeratorAlert::email).distinct().toList();
    }

    private MailTemplates.Waiting waiting(Comment comment, Article article, Instant now) {
        String reasons = comment.reasons == null ? "" : comment.reasons.stream().map(Reason::text).collect(Collectors.joining(" "));
        boolean reported = comment.flagCount > 0;
        return new MailTemplates.Waiting(comment.id, Subscriptions.title(article), comment.authorName,
                CommentEvents.excerpt(comment.body, MailText.EXCERPT), reasons,
                MailText.waited(Duration.between(comment.createdAt, now)),
                links.to("/admin/?tab=" + (reported ? "reported" : comment.status.apiName()) + "&q="
                        + URLEncoder.encode("#" + comment.id, StandardCharsets.UTF_8)));
    }

    private static Map<String, Article> articles(List<Comment> comments) {
        return Article.<Article>list("id in ?1", comments.stream().map(c -> c.articleId).distinct().toList()).stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
    }

    private String settingsLink() {
        return links.to("/admin/rules");
    }
}
