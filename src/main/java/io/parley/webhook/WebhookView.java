package io.parley.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** An endpoint; {@code secret} only in the answers that create or rotate it. */
public record WebhookView(long id, String url, List<String> events, String description, String ownerEmail, boolean enabled,
        String disabledReason, Instant failingSince, Instant previousSecretUntil, Instant createdAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(WebhookEndpoint e, String secret) {
        return new WebhookView(e.id, e.url, e.events, e.description, e.ownerEmail, e.enabled, e.disabledReason, e.failingSince,
                e.previousSecretUntil, e.createdAt, e.updatedAt, secret);
    }
}
