package io.parley.webhook;

/**
 * An endpoint was disabled because its receiver answered 410 Gone or failed for too long. Fired
 * inside the transaction that disabled it, so what observers write commits with it.
 */
public record WebhookDisabled(long id, String url, String ownerEmail, String reason) {
}
