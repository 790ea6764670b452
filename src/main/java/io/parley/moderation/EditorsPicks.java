package io.parley.moderation;

import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Editors' picks: comments an editor features (a badge, their own tab) and may pin on top of the
 * thread. Each change is in the audit trail like a decision, with the status left as it was.
 */
@ApplicationScoped
public class EditorsPicks {

    /** {@code pinned}: keep the comment on top of its thread as well. */
    public record Feature(Boolean pinned) {
    }

    private final EntityManager em;
    private final ModerationQueue queue;
    private final Clock clock;

    EditorsPicks(EntityManager em, ModerationQueue queue, Clock clock) {
        this.em = em;
        this.queue = queue;
        this.clock = clock;
    }

    @Transactional
    public QueueItem feature(long id, Feature request, Actor editor) {
        Comment comment = find(id);
        boolean pinned = request != null && Boolean.TRUE.equals(request.pinned());
        if (comment.status != CommentStatus.APPROVED) {
            throw ProblemException.conflict("Not published", "Only published comments can be featured; comment " + id + " is "
                    + comment.status.apiName() + ".").withCurrent(queue.item(comment));
        }
        if (pinned && comment.parentId != null) {
            throw ProblemException.invalid("pinned", "is for top-level comments: a reply stays under the comment it answers");
        }
        Instant now = clock.instant();
        if (comment.featuredAt == null || comment.pinned != pinned) {
            comment.featuredAt = now;
        }
        comment.featuredBy = editor.name();
        comment.pinned = pinned;
        ModerationEvent.record(comment, comment.status, editor, pinned ? "featured and pinned" : "featured", now);
        em.flush(); // the answer carries the new version
        return queue.item(comment);
    }

    @Transactional
    public QueueItem unfeature(long id, Actor editor) {
        Comment comment = find(id);
        if (comment.featuredAt != null) {
            comment.featuredAt = null;
            comment.featuredBy = null;
            comment.pinned = false;
            ModerationEvent.record(comment, comment.status, editor, "no longer featured", clock.instant());
            em.flush();
        }
        return queue.item(comment);
    }

    private Comment find(long id) {
        Comment comment = em.find(Comment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null) {
            throw ProblemException.notFound("No such comment", "Comment " + id + " does not exist.");
        }
        return comment;
    }
}
