package io.parley.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.outbox.EventType;
import io.parley.common.outbox.OutboxConsumer;
import io.parley.common.outbox.OutboxEvent;
import io.parley.moderation.ClaimChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns dispatched outbox events into live events, in the dispatch's transaction. Readers hear only
 * that a comment became public, changed while public, or stopped being public (its id, never its
 * content: they fetch that through the API, so no decision leaks through a stream). Moderators hear
 * what changes the queue: held, reported, decided, edited or deleted while waiting, and claims.
 */
@ApplicationScoped
class LiveRelay implements OutboxConsumer {

    static final String APPROVED = "approved";
    static final String PENDING = "pending";

    private final LiveChannel channel;
    private final ObjectMapper json;

    LiveRelay(LiveChannel channel, ObjectMapper json) {
        this.channel = channel;
        this.json = json;
    }

    @Override
    public void consume(List<OutboxEvent> events) {
        List<LiveChannel.Draft> drafts = new ArrayList<>();
        for (OutboxEvent event : events) {
            EventType type = EventType.of(event.type()).orElse(null);
            if (type == null || type == EventType.COMMENT_CREATED) {
                continue; // a new comment is told of by what it became: published or held
            }
            if (type == EventType.ARTICLE_CLOSED) {
                drafts.add(new LiveChannel.Draft(Stream.ARTICLE, event.articleId(), "closed", Map.of("articleId", event.articleId())));
                continue;
            }
            JsonNode data = read(event.data());
            JsonNode comment = data.path("comment");
            String status = comment.path("status").asText(null);
            String before = data.path("previousStatus").asText(null);
            String op = publicOp(type, before, status);
            if (op != null) {
                Map<String, Object> thin = new LinkedHashMap<>();
                thin.put("id", event.commentId());
                thin.put("op", op);
                thin.put("parentId", comment.path("parentId").isNumber() ? comment.path("parentId").asLong() : null);
                drafts.add(new LiveChannel.Draft(Stream.ARTICLE, event.articleId(), null, thin));
            }
            String queueOp = queueOp(type, before, status);
            if (queueOp != null) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("op", queueOp);
                item.put("commentId", event.commentId());
                item.put("articleId", event.articleId());
                item.put("status", status);
                item.put("previousStatus", before);
                item.put("actor", data.path("actor").asText(null));
                drafts.add(new LiveChannel.Draft(Stream.QUEUE, event.articleId(), "queue", item));
            }
        }
        channel.send(drafts);
    }

    /** What a reader's thread sees of a change: null when it sees nothing. */
    static String publicOp(EventType type, String before, String status) {
        boolean was = APPROVED.equals(before);
        boolean is = APPROVED.equals(status);
        return switch (type) {
            case COMMENT_PUBLISHED -> "published";
            case COMMENT_EDITED -> was && is ? "updated" : was ? "removed" : null;
            case COMMENT_DECIDED, COMMENT_DELETED, COMMENT_REPORTED -> was && !is ? "removed" : null;
            default -> null;
        };
    }

    /** What the queue sees of a change: null when the queue does not change. */
    static String queueOp(EventType type, String before, String status) {
        return switch (type) {
            case COMMENT_HELD -> "held";
            case COMMENT_REPORTED -> "reported";
            case COMMENT_DECIDED -> "decided";
            case COMMENT_EDITED -> PENDING.equals(status) ? "edited" : null;
            case COMMENT_DELETED -> PENDING.equals(before) ? "deleted" : null;
            default -> null;
        };
    }

    /** Claims are no outbox events (nothing outside needs them): sent in the claim's own transaction. */
    void claimed(@Observes ClaimChanged claim) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("op", claim.released() ? "released" : "claimed");
        item.put("commentId", claim.commentId());
        item.put("articleId", claim.articleId());
        item.put("moderator", claim.name());
        channel.send(List.of(new LiveChannel.Draft(Stream.QUEUE, claim.articleId(), "queue", item)));
    }

    private JsonNode read(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data is JSON Parley wrote", e);
        }
    }
}
