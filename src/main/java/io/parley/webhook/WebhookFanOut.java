package io.parley.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.db.AfterCommit;
import io.parley.common.outbox.OutboxConsumer;
import io.parley.common.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes a delivery for every enabled endpoint that subscribed to a dispatched event's type. A new
 * delivery is born claimed by this replica (its lease written with it) and handed to this replica's
 * {@link WebhookSender} once the dispatch commits: the first attempt costs no claim of its own, and
 * if this replica dies first, the lease runs out and another one sends it.
 */
@ApplicationScoped
class WebhookFanOut implements OutboxConsumer {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final AfterCommit afterCommit;
    private final WebhookSender sender;

    WebhookFanOut(EntityManager em, ObjectMapper json, Clock clock, AfterCommit afterCommit, WebhookSender sender) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.sender = sender;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void consume(List<OutboxEvent> events) {
        List<WebhookEndpoint> endpoints = WebhookEndpoint.list("enabled = true");
        if (endpoints.isEmpty()) {
            return;
        }
        List<Long> endpointIds = new ArrayList<>();
        List<OutboxEvent> delivered = new ArrayList<>();
        for (OutboxEvent event : events) {
            for (WebhookEndpoint endpoint : endpoints) {
                if (endpoint.events.contains(event.type())) {
                    endpointIds.add(endpoint.id);
                    delivered.add(event);
                }
            }
        }
        if (delivered.isEmpty()) {
            return;
        }
        Map<Long, String> bodies = new HashMap<>();
        Instant now = clock.instant();
        List<Object[]> rows = em.createNativeQuery("""
                        insert into webhook_delivery (endpoint_id, event_id, type, body, status, next_attempt_at, created_at, updated_at)
                        select d.endpoint_id, d.event_id, d.type, d.body, 'pending', ?6, ?5, ?5
                        from unnest(cast(?1 as bigint[]), cast(?2 as bigint[]), cast(?3 as text[]), cast(?4 as text[]))
                             as d(endpoint_id, event_id, type, body)
                        on conflict (endpoint_id, event_id) do nothing
                        returning id, endpoint_id, event_id, body""")
                .setParameter(1, endpointIds.toArray(Long[]::new))
                .setParameter(2, delivered.stream().map(OutboxEvent::id).toArray(Long[]::new))
                .setParameter(3, delivered.stream().map(OutboxEvent::type).toArray(String[]::new))
                .setParameter(4, delivered.stream().map(e -> bodies.computeIfAbsent(e.id(), id -> body(e))).toArray(String[]::new))
                .setParameter(5, now)
                .setParameter(6, now.plus(WebhookAttempts.lease(sender.timeout())))
                .getResultList();
        Map<Long, WebhookEndpoint> byId = endpoints.stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        List<WebhookAttempts.Due> due = rows.stream().map(r -> WebhookAttempts.due(((Number) r[0]).longValue(),
                byId.get(((Number) r[1]).longValue()), ((Number) r[2]).longValue(), (String) r[3], 0, now)).toList();
        afterCommit.run(() -> sender.handOver(due));
    }

    /**
     * {@code {type, timestamp, data}}, as Standard Webhooks describes the payload. The data is the
     * JSON the outbox holds, copied as it is: parsing it again for every delivery cost more than the
     * rest of the fan-out.
     */
    private String body(OutboxEvent event) {
        StringWriter body = new StringWriter(event.data().length() + 100);
        try (JsonGenerator out = json.getFactory().createGenerator(body)) {
            out.writeStartObject();
            out.writeStringField("type", event.type());
            out.writeStringField("timestamp", event.createdAt().toString());
            out.writeFieldName("data");
            out.writeRawValue(event.data());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string does not fail", e);
        }
        return body.toString();
    }
}
