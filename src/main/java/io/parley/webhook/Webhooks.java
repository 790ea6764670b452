package io.parley.webhook;

import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import io.parley.common.outbox.EventType;
import io.parley.common.outbox.OutboxWorkers;
import io.parley.common.paging.Keyset;
import io.parley.common.web.QueryParams;
import io.parley.moderation.AdminEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Registering and managing endpoints, and the state of their deliveries. Admins only (WebhookResource). */
@ApplicationScoped
public class Webhooks {

    private final WebhookAddresses addresses;
    private final Clock clock;
    private final ParleyConfig.Webhooks config;
    private final OutboxWorkers workers;

    Webhooks(WebhookAddresses addresses, Clock clock, ParleyConfig config, OutboxWorkers workers) {
        this.workers = workers;
        this.addresses = addresses;
        this.clock = clock;
        this.config = config.webhooks();
    }

    /** The new endpoint, with its secret: the only time the secret is shown. */
    @Transactional
    public WebhookView register(NewWebhook request, String actor) {
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.url = addresses.checked(request.url()).toString();
        endpoint.events = known(request.events());
        endpoint.description = request.description();
        endpoint.ownerEmail = request.ownerEmail();
        endpoint.secret = WebhookSignature.newSecret();
        endpoint.enabled = true;
        endpoint.createdBy = actor;
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.persist();
        AdminEvent.record(actor, "webhook.create", Map.of("id", endpoint.id, "url", endpoint.url, "events", endpoint.events), now);
        return WebhookView.of(endpoint, endpoint.secret);
    }

    @Transactional
    public List<WebhookView> list() {
        return WebhookEndpoint.<WebhookEndpoint>list("order by id").stream().map(e -> WebhookView.of(e, null)).toList();
    }

    @Transactional
    public WebhookView get(long id) {
        return WebhookView.of(endpoint(id), null);
    }

    @Transactional
    public WebhookView update(long id, WebhookPatch patch, String actor) {
        WebhookEndpoint endpoint = endpoint(id);
        Map<String, Object> changed = new HashMap<>();
        if (patch.url() != null) {
            endpoint.url = addresses.checked(patch.url()).toString();
            changed.put("url", endpoint.url);
        }
        if (patch.events() != null) {
            endpoint.events = known(patch.events());
            changed.put("events", endpoint.events);
        }
        if (patch.description() != null) {
            endpoint.description = patch.description();
            changed.put("description", endpoint.description);
        }
        if (patch.ownerEmail() != null) {
            endpoint.ownerEmail = patch.ownerEmail();
            changed.put("ownerEmail", endpoint.ownerEmail);
        }
        if (patch.enabled() != null && patch.enabled() != endpoint.enabled) {
            endpoint.enabled = patch.enabled();
            endpoint.disabledReason = endpoint.enabled ? null : "Disabled by " + actor + ".";
            endpoint.failingSince = null;
            changed.put("enabled", endpoint.enabled);
            wakeSenders(); // a revived endpoint's waiting deliveries are due
        }
        Instant now = clock.instant();
        endpoint.updatedAt = now;
        changed.put("id", id);
        AdminEvent.record(actor, "webhook.update", changed, now);
        return WebhookView.of(endpoint, null);
    }

    @Transactional
    public void delete(long id, String actor) {
        WebhookEndpoint endpoint = endpoint(id);
        endpoint.delete();
        AdminEvent.record(actor, "webhook.delete", Map.of("id", id, "url", endpoint.url), clock.instant());
    }

    /** A new secret; deliveries carry a signature with the old one too until the overlap ends. */
    @Transactional
    public WebhookView rotate(long id, String actor) {
        WebhookEndpoint endpoint = endpoint(id);
        Instant now = clock.instant();
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretUntil = now.plus(config.rotationOverlap());
        endpoint.secret = WebhookSignature.newSecret();
        endpoint.updatedAt = now;
        AdminEvent.record(actor, "webhook.rotate", Map.of("id", id, "previousSecretUntil", endpoint.previousSecretUntil.toString()), now);
        return WebhookView.of(endpoint, endpoint.secret);
    }

    @Transactional
    public DeliveryView.DeliveryPage deliveries(long id, String cursor, String limit) {
        endpoint(id);
        Long before = QueryParams.optionalId("cursor", cursor);
        int size = Keyset.limit(limit, 50, 200);
        // newest event first: the endpoint's unique key (endpoint_id, event_id) finds them in that order (V33)
        List<WebhookDelivery> rows = WebhookDelivery.<WebhookDelivery>find(
                        "endpointId = ?1 and eventId < ?2 order by eventId desc", id, before == null ? Long.MAX_VALUE : before)
                .page(0, size + 1).list();
        List<WebhookDelivery> shown = rows.subList(0, Math.min(size, rows.size()));
        Map<Long, List<DeliveryView.DeliveryAttempt>> attempts = attempts(shown.stream().map(d -> d.id).toList());
        return new DeliveryView.DeliveryPage(shown.stream().map(d -> view(d, attempts.getOrDefault(d.id, List.of()))).toList(),
                rows.size() > size ? String.valueOf(shown.get(size - 1).eventId) : null);
    }

    /** Sends a delivery again as it was (same webhook-id, so receivers that have it drop it), now. */
    @Transactional
    public DeliveryView redeliver(long id, long deliveryId, String actor) {
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || delivery.endpointId != id) {
            throw ProblemException.notFound("No such delivery", "Webhook " + id + " has no delivery " + deliveryId + ".");
        }
        Instant now = clock.instant();
        if (WebhookDelivery.SUCCEEDED.equals(delivery.status) && delivery.lastAttemptAt != null) {
            keep(delivery); // its successful attempt, about to be followed by another, gets a row like the rest
        }
        delivery.status = WebhookDelivery.PENDING;
        delivery.nextAttemptAt = now;
        delivery.updatedAt = now;
        AdminEvent.record(actor, "webhook.redeliver", Map.of("id", id, "delivery", deliveryId), now);
        wakeSenders();
        return view(delivery, attempts(List.of(deliveryId)).getOrDefault(deliveryId, List.of()));
    }

    private static void keep(WebhookDelivery delivery) {
        DeliveryView.DeliveryAttempt last = lastAttempt(delivery);
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.deliveryId = delivery.id;
        attempt.attemptedAt = last.at();
        attempt.statusCode = last.statusCode();
        attempt.durationMs = last.durationMs();
        attempt.responseExcerpt = last.responseExcerpt();
        attempt.persist();
    }

    private WebhookEndpoint endpoint(long id) {
        WebhookEndpoint endpoint = WebhookEndpoint.findById(id);
        if (endpoint == null) {
            throw ProblemException.notFound("No such webhook", "There is no webhook " + id + ".");
        }
        return endpoint;
    }

    private static List<String> known(List<String> events) {
        List<String> unknown = events.stream().filter(e -> EventType.of(e).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("Invalid webhook", "events", "unknown event types " + unknown + "; known: "
                    + Arrays.stream(EventType.values()).map(EventType::apiName).collect(Collectors.joining(", ")));
        }
        return events.stream().distinct().toList();
    }

    private Map<Long, List<DeliveryView.DeliveryAttempt>> attempts(List<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return WebhookAttempt.<WebhookAttempt>list("deliveryId in ?1 order by id", deliveryIds).stream()
                .collect(Collectors.groupingBy(a -> a.deliveryId, Collectors.mapping(
                        a -> new DeliveryView.DeliveryAttempt(a.attemptedAt, a.statusCode, a.durationMs, a.error, a.responseExcerpt),
                        Collectors.toList())));
    }

    /** The failed attempts have rows; a successful last attempt is on the delivery itself (migration V19). */
    private static DeliveryView view(WebhookDelivery d, List<DeliveryView.DeliveryAttempt> failed) {
        List<DeliveryView.DeliveryAttempt> attempts = new ArrayList<>(failed);
        if (WebhookDelivery.SUCCEEDED.equals(d.status) && d.lastAttemptAt != null) {
            attempts.add(lastAttempt(d));
        }
        return new DeliveryView(d.id, d.messageId(), d.type, d.status, WebhookDelivery.PENDING.equals(d.status) ? d.nextAttemptAt : null,
                d.lastStatusCode, d.lastError, d.createdAt, attempts);
    }

    private static DeliveryView.DeliveryAttempt lastAttempt(WebhookDelivery d) {
        return new DeliveryView.DeliveryAttempt(d.lastAttemptAt, d.lastStatusCode, d.lastDurationMs == null ? 0 : d.lastDurationMs,
                d.lastError, d.lastExcerpt);
    }

    private void wakeSenders() {
        workers.wakeAfterCommit(WebhookSender.class);
    }
}
