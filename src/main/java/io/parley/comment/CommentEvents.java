package io.parley.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.outbox.EventType;
import io.parley.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox events of a comment's life, with the payload webhooks receive (openapi.yaml, webhooks).
 * A payload names the comment and a short excerpt, never the author's email or address: receivers
 * that need more ask the admin API.
 */
@ApplicationScoped
public class CommentEvents {

    /** Plain-text characters of the body a payload carries; the whole event stays far below 20 KB. */
    static final int EXCERPT = 500;

    private final Outbox outbox;

    CommentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The comment as events describe it. */
    public record Summary(long id, String articleId, Long parentId, String status, String authorName, String excerpt,
            Instant createdAt, Instant editedAt) {

        static Summary of(Comment comment) {
            return new Summary(comment.id, comment.articleId, comment.parentId, comment.status.apiName(), comment.authorName,
                    CommentEvents.excerpt(comment.body, EXCERPT), comment.createdAt, comment.editedAt);
        }
    }

    /** The start of a comment's text, at most {@code max} characters with the ellipsis that says it goes on. */
    public static String excerpt(String body, int max) {
        if (body == null || body.codePointCount(0, body.length()) <= max) {
            return body;
        }
        return body.substring(0, body.offsetByCodePoints(0, max - 1)).stripTrailing() + "…";
    }

    /** Who caused a change and why; a report's reason, note and the comment's report count. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(Summary comment, String previousStatus, String actor, String reason, String note, Integer reports) {
    }

    /** A new comment's events: created, and published or held by what the pipeline decided. */
    public List<Outbox.Event> created(Comment comment) {
        List<Outbox.Event> events = new ArrayList<>(2);
        Data data = new Data(Summary.of(comment), null, null, null, null, null);
        events.add(event(EventType.COMMENT_CREATED, comment, data));
        visibility(comment, null, data, events);
        return events;
    }

    /**
     * Records a change of {@code comment} caused by {@code cause} (decided, edited, deleted), and
     * whether it made the comment public or put it in the queue.
     */
    public void changed(Comment comment, CommentStatus before, EventType cause, String actor, String reason) {
        record(comment, before, cause, new Data(Summary.of(comment), before.apiName(), actor, reason, null, null));
    }

    /** Records a reader's report, and the comment's return to the queue when it had enough reports. */
    public void reported(Comment comment, CommentStatus before, String reason, String note) {
        record(comment, before, EventType.COMMENT_REPORTED,
                new Data(Summary.of(comment), before.apiName(), null, reason, note, comment.flagCount));
    }

    private void record(Comment comment, CommentStatus before, EventType cause, Data data) {
        List<Outbox.Event> events = new ArrayList<>(2);
        events.add(event(cause, comment, data));
        visibility(comment, before, data, events);
        outbox.record(events);
    }

    private static void visibility(Comment comment, CommentStatus before, Data data, List<Outbox.Event> events) {
        if (comment.status == before) {
            return;
        }
        if (comment.status == CommentStatus.APPROVED) {
            events.add(event(EventType.COMMENT_PUBLISHED, comment, data));
        } else if (comment.status == CommentStatus.PENDING) {
            events.add(event(EventType.COMMENT_HELD, comment, data));
        }
    }

    private static Outbox.Event event(EventType type, Comment comment, Data data) {
        return new Outbox.Event(type, comment.articleId, comment.id, data);
    }
}
