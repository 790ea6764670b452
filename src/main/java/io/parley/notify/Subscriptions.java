package io.parley.notify;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentEvents;
import io.parley.common.ParleyConfig;
import io.parley.common.RandomTokens;
import io.parley.common.Sha256;
import io.parley.common.outbox.OutboxWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Readers' subscriptions, double opt-in: a subscription is made only once the comment that asked
 * for it is published (so a held or spam comment cannot make Parley mail anyone), and it is
 * confirmed only by the link in the mail that asks, which works once and for a limited time.
 */
@ApplicationScoped
public class Subscriptions {

    private final MailQueue mail;
    private final EntityManager em;
    private final Clock clock;
    private final ParleyConfig config;
    private final PublicLinks links;
    private final OutboxWorkers workers;

    Subscriptions(MailQueue mail, EntityManager em, Clock clock, ParleyConfig config, PublicLinks links, OutboxWorkers workers) {
        this.mail = mail;
        this.workers = workers;
        this.links = links;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /** What a confirmation or unsubscribe link found. */
    public record Found(Subscription subscription, Article article) {
    }

    /**
     * The subscription a newly published comment's author asked for, and the mail asking them to
     * confirm it. Asking again for a thread one already follows changes nothing.
     */
    void subscribe(Comment comment, Article article) {
        if (!comment.notify || comment.authorEmail == null || comment.authorEmail.isBlank()) {
            return;
        }
        Long onComment = comment.notifyArticle ? null : comment.id;
        Subscription subscription = Subscription.<Subscription>find("lower(email) = ?1 and articleId = ?2 and coalesce(commentId, 0) = ?3",
                comment.authorEmail.toLowerCase(Locale.ROOT), comment.articleId, onComment == null ? 0L : onComment).firstResult();
        if (subscription != null && !Subscription.UNSUBSCRIBED.equals(subscription.status)) {
            return;
        }
        Instant now = clock.instant();
        if (subscription == null) {
            subscription = new Subscription();
            subscription.email = comment.authorEmail;
            subscription.articleId = comment.articleId;
            subscription.commentId = onComment;
            subscription.unsubscribeToken = RandomTokens.urlSafe(32);
            subscription.createdAt = now;
        }
        String token = RandomTokens.urlSafe(32);
        subscription.status = Subscription.CONFIRMING;
        subscription.confirmHash = Sha256.of(token);
        subscription.confirmExpiresAt = now.plus(config.notifications().confirmationTtl());
        subscription.unsubscribedAt = null;
        subscription.persist();
        String title = title(article);
        mail.enqueue("confirm", subscription.email,
                (subscription.wholeArticle() ? "Confirm: new comments on “" : "Confirm: replies to your comment on “") + title + "”",
                MailTemplates.Mails.confirm(title, article.url, CommentEvents.excerpt(comment.body, MailText.EXCERPT), subscription.wholeArticle(),
                        links.to("/notify/confirm", "token", token), String.valueOf(config.notifications().confirmationTtl().toHours()),
                        unsubscribeLink(subscription)),
                unsubscribeHeaders(subscription));
    }

    /**
     * Queues a notice of a comment published at {@code publishedAt} for everyone who followed its
     * thread by then, except its own author.
     */
    void noticeReplies(Comment comment, Instant publishedAt) {
        int noticed = em.createNativeQuery("""
                        insert into reply_notice (subscription_id, comment_id, created_at)
                        select s.id, ?1, ?2 from subscription s
                        where s.status = 'confirmed' and s.confirmed_at <= ?6
                          and (s.comment_id = ?3 or (s.comment_id is null and s.article_id = ?4))
                          and lower(s.email) <> lower(coalesce(?5, ''))
                        on conflict do nothing""")
                .setParameter(6, publishedAt)
                .setParameter(1, comment.id).setParameter(2, clock.instant())
                .setParameter(3, comment.parentId == null ? -1L : comment.parentId).setParameter(4, comment.articleId)
                .setParameter(5, comment.authorEmail).executeUpdate();
        if (noticed > 0) {
            workers.wakeAfterCommit(ReplyMails.class);
        }
    }

    /** Confirms the subscription of a confirmation link; empty when the link is unknown, used or expired. */
    @Transactional
    public Optional<Found> confirm(String token) {
        Subscription subscription = token == null ? null
                : Subscription.<Subscription>find("confirmHash", (Object) Sha256.of(token)).firstResult();
        if (subscription == null || !Subscription.CONFIRMING.equals(subscription.status)
                || clock.instant().isAfter(subscription.confirmExpiresAt)) {
            return Optional.empty();
        }
        subscription.status = Subscription.CONFIRMED;
        subscription.confirmedAt = clock.instant();
        return Optional.of(new Found(subscription, Article.findById(subscription.articleId)));
    }

    /** The subscription of an unsubscribe link, whatever its state. */
    @Transactional
    public Optional<Found> byUnsubscribeToken(String token) {
        Subscription subscription = token == null ? null : Subscription.<Subscription>find("unsubscribeToken", token).firstResult();
        return Optional.ofNullable(subscription).map(s -> new Found(s, Article.findById(s.articleId)));
    }

    /** Ends the subscription of an unsubscribe link; no mail is sent for it any more. */
    @Transactional
    public Optional<Found> unsubscribe(String token) {
        Optional<Found> found = byUnsubscribeToken(token);
        found.map(Found::subscription).filter(s -> !Subscription.UNSUBSCRIBED.equals(s.status)).ifPresent(s -> {
            s.status = Subscription.UNSUBSCRIBED;
            s.unsubscribedAt = clock.instant();
            em.createNativeQuery("delete from reply_notice where subscription_id = ?1").setParameter(1, s.id).executeUpdate();
        });
        return found;
    }

    /** RFC 8058 one-click unsubscribe: mail clients POST to the link, so no page needs to be opened. */
    Map<String, String> unsubscribeHeaders(Subscription subscription) {
        return Map.of("List-Unsubscribe", "<" + unsubscribeLink(subscription) + ">",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    String unsubscribeLink(Subscription subscription) {
        return links.to("/notify/unsubscribe", "token", subscription.unsubscribeToken);
    }


    static String title(Article article) {
        return article.title != null && !article.title.isBlank() ? article.title : article.url != null ? article.url : article.id;
    }
}
