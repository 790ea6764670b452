package io.parley.moderation;

import io.parley.comment.Comment;
import io.parley.comment.CommentEvents;
import io.parley.comment.CommentStatus;
import io.parley.common.error.ProblemException;
import io.parley.moderation.rules.ModerationRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Readers' reports: counted once per reader; enough of them send a published comment back to the queue. */
@ApplicationScoped
public class Reports {

    private final ModerationRules rules;
    private final EntityManager em;
    private final Clock clock;
    private final CommentEvents events;

    Reports(ModerationRules rules, EntityManager em, Clock clock, CommentEvents events) {
        this.rules = rules;
        this.em = em;
        this.clock = clock;
        this.events = events;
    }

    /** @param reporter {@code commenter:<id>} for readers with a token, else {@code ip:<address>} */
    @Transactional
    public void report(long commentId, NewReport report, String reporter) {
        Comment comment = em.find(Comment.class, commentId, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null || comment.status != CommentStatus.APPROVED) {
            throw ProblemException.notFound("No such comment", "There is no published comment " + commentId + ".");
        }
        Instant now = clock.instant();
        int added = em.createNativeQuery("""
                        insert into comment_flag (article_id, comment_id, reporter, reason, note, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing""")
                .setParameter(1, comment.articleId).setParameter(2, comment.id).setParameter(3, reporter)
                .setParameter(4, report.reason().name().toLowerCase(Locale.ROOT)).setParameter(5, report.note())
                .setParameter(6, now).executeUpdate();
        if (added == 0) {
            return; // this reader already reported it
        }
        comment.flagCount++;
        int needed = rules.current().values().reportsToRequeue();
        if (comment.flagCount >= needed) {
            comment.status = CommentStatus.PENDING;
            comment.reasons = List.of(Reason.of("REPORTED", "Reported by " + comment.flagCount + " readers."));
            ModerationEvent.record(comment, CommentStatus.APPROVED, Actor.SYSTEM, null, now);
        }
        events.reported(comment, CommentStatus.APPROVED, report.reason().name().toLowerCase(Locale.ROOT), report.note());
    }
}
