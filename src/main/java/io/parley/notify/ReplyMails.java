package io.parley.notify;

import io.parley.common.db.AsyncCommit;
import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentEvents;
import io.parley.comment.CommentStatus;
import io.parley.common.ParleyConfig;
import io.parley.common.outbox.OutboxWorkers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns waiting reply notices into mail: one mail per subscription at most every
 * {@code parley.notify.reply-interval}, listing every reply published since the last one.
 */
@ApplicationScoped
class ReplyMails implements OutboxWorkers.DueWork {

    static final int BATCH = 50;

    private final Subscriptions subscriptions;
    private final MailQueue mail;
    private final EntityManager em;
    private final Clock clock;
    private final ParleyConfig config;

    ReplyMails(Subscriptions subscriptions, MailQueue mail, EntityManager em, Clock clock, ParleyConfig config) {
        this.subscriptions = subscriptions;
        this.mail = mail;
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public int runDue() {
        AsyncCommit.forThisTransaction(em);
        Instant now = clock.instant();
        List<Subscription> due = em.createNativeQuery("""
                        select s.* from subscription s
                        where s.id in (select distinct subscription_id from reply_notice)
                          and s.status = 'confirmed' and (s.next_mail_at is null or s.next_mail_at <= ?1)
                        order by s.id limit ?2 for update of s skip locked""", Subscription.class)
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        for (Subscription subscription : due) {
            List<Long> noticed = em.createNativeQuery("delete from reply_notice where subscription_id = ?1 returning comment_id")
                    .setParameter(1, subscription.id).getResultList().stream().map(id -> ((Number) id).longValue()).toList();
            // only what readers can still see: a reply withdrawn or removed meanwhile is not mailed
            List<Comment> replies = Comment.list("id in ?1 and status = ?2 order by createdAt, id", noticed, CommentStatus.APPROVED);
            if (replies.isEmpty()) {
                continue;
            }
            Article article = Article.findById(subscription.articleId);
            String title = Subscriptions.title(article);
            List<MailTemplates.Reply> listed = replies.stream().map(c -> new MailTemplates.Reply(c.authorName,
                    CommentEvents.excerpt(c.body, MailText.EXCERPT), permalink(article, c))).toList();
            String subject = subscription.wholeArticle()
                    ? (replies.size() == 1 ? "A new comment on “" : replies.size() + " new comments on “") + title + "”"
                    : (replies.size() == 1 ? "A new reply to your comment on “" : replies.size() + " new replies to your comment on “")
                            + title + "”";
            mail.enqueue("replies", subscription.email, subject,
                    MailTemplates.Mails.replies(title, article.url, subscription.wholeArticle(), listed,
                            subscriptions.unsubscribeLink(subscription)),
                    subscriptions.unsubscribeHeaders(subscription));
            subscription.nextMailAt = now.plus(config.notifications().replyInterval());
        }
        return due.size();
    }

    /** The comment on the article's page ({@code #comment-ID}, where the widget shows it). */
    static String permalink(Article article, Comment comment) {
        return (article.url == null ? "" : article.url.replaceAll("#.*$", "")) + "#comment-" + comment.id;
    }
}
