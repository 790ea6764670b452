package io.parley.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A delivery and its attempts, newest attempt last. {@code webhookId} is the {@code webhook-id}
 * header receivers saw; responses appear only as a short excerpt.
 */
public record DeliveryView(long id, String webhookId, String type, String status, Instant nextAttemptAt, Integer lastStatusCode,
        String lastError, Instant createdAt, List<DeliveryAttempt> attempts) {

    public record DeliveryAttempt(Instant at, Integer statusCode, int durationMs, String error, String responseExcerpt) {
    }

    /** A page of deliveries, newest first. */
    public record DeliveryPage(List<DeliveryView> items, String nextCursor) {
    }
}
