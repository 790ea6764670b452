package io.parley.common.outbox;

import java.time.Instant;

/**
 * One recorded event (migration V16), as consumers get it when it is dispatched.
 *
 * @param data the event's JSON payload, as receivers get it under {@code data}
 */
public record OutboxEvent(long id, String type, String articleId, Long commentId, String data, Instant createdAt) {

    /** The id receivers use to drop repeats: the same for every delivery and redelivery of this event. */
    public static String messageId(long eventId) {
        return "evt_" + eventId;
    }

    public EventType eventType() {
        return EventType.of(type).orElseThrow();
    }
}
