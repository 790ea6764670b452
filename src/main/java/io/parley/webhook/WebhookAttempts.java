package io.parley.webhook;

import io.parley.common.db.AsyncCommit;
import io.parley.common.ParleyConfig;
import io.parley.common.outbox.OutboxEvent;
import io.parley.moderation.AdminEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deliveries' side of the database for {@link WebhookSender}: claiming due ones and recording
 * what each attempt got. A claim is a lease (the delivery's next attempt moves past the time an
 * attempt can take), so a replica that dies mid-attempt leaves the delivery to another one.
 */
@ApplicationScoped
class WebhookAttempts {

    /** A claimed delivery with what sending it needs. */
    record Due(long id, long endpointId, String messageId, String url, List<String> secrets, String body, int attempts) {
    }

    static Due due(long id, WebhookEndpoint endpoint, long eventId, String body, int attempts, Instant now) {
        return new Due(id, endpoint.id, OutboxEvent.messageId(eventId), endpoint.url, endpoint.signingSecrets(now), body, attempts);
    }

    /** How long a claim lasts: past any attempt (twice its timeout), so only a dead replica's claims run out. */
    static Duration lease(Duration timeout) {
        return timeout.multipliedBy(2).plusSeconds(5);
    }

    /** What an attempt got: a status (null when no answer came), an error, and the answer's beginning. */
    record Outcome(Integer status, String error, String excerpt, int durationMs, Duration retryAfter) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final EntityManager em;
    private final Clock clock;
    private final ParleyConfig.Webhooks config;
    private final Event<WebhookDisabled> disabled;

    WebhookAttempts(EntityManager em, Clock clock, ParleyConfig config, Event<WebhookDisabled> disabled) {
        this.em = em;
        this.clock = clock;
        this.config = config.webhooks();
        this.disabled = disabled;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Due> claim(int max) {
        AsyncCommit.forThisTransaction(em);
        Instant now = clock.instant();
        List<Object[]> rows = em.createNativeQuery("""
                        with due as (
                            select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                            where d.status = 'pending' and d.next_attempt_at <= ?1 and e.enabled
                            order by d.next_attempt_at limit ?2
                            for update of d skip locked
                        )
                        update webhook_delivery d set next_attempt_at = ?3, updated_at = ?1 from due where d.id = due.id
                        returning d.id, d.endpoint_id, d.event_id, d.body, d.attempts""")
                .setParameter(1, now).setParameter(2, max).setParameter(3, now.plus(lease(config.timeout())))
                .getResultList();
        return rows.stream().map(row -> due(((Number) row[0]).longValue(), WebhookEndpoint.findById(((Number) row[1]).longValue()),
                ((Number) row[2]).longValue(), (String) row[3], ((Number) row[4]).intValue(), now)).toList();
    }

    /**
     * Records what a batch of attempts got, in one transaction: the successes (nearly all of them) in
     * two statements whatever their number, on the deliveries themselves; each failure on its own,
     * with a row of its own.
     */
    @Transactional
    void record(List<Due> due, List<Outcome> outcomes) {
        AsyncCommit.forThisTransaction(em);
        Instant now = clock.instant();
        List<Integer> succeeded = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            if (outcomes.get(i).succeeded()) {
                succeeded.add(i);
            } else {
                failed(due.get(i), outcomes.get(i), now);
            }
        }
        if (succeeded.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        update webhook_delivery d set status = 'succeeded', attempts = d.attempts + 1, last_status_code = s.code,
                               last_error = null, last_excerpt = s.excerpt, last_duration_ms = s.duration,
                               last_attempt_at = cast(?5 as timestamptz) - s.duration * interval '1 millisecond',
                               next_attempt_at = null, updated_at = ?5
                        from unnest(cast(?1 as bigint[]), cast(?2 as int[]), cast(?3 as int[]), cast(?4 as text[]))
                             as s(id, code, duration, excerpt)
                        where d.id = s.id""")
                .setParameter(1, succeeded.stream().map(i -> due.get(i).id()).toArray(Long[]::new))
                .setParameter(2, succeeded.stream().map(i -> outcomes.get(i).status()).toArray(Integer[]::new))
                .setParameter(3, succeeded.stream().map(i -> outcomes.get(i).durationMs()).toArray(Integer[]::new))
                .setParameter(4, succeeded.stream().map(i -> outcomes.get(i).excerpt()).toArray(String[]::new))
                .setParameter(5, now).executeUpdate();
        em.createNativeQuery("update webhook_endpoint set failing_since = null where id = any(cast(?1 as bigint[])) and failing_since is not null")
                .setParameter(1, succeeded.stream().map(i -> due.get(i).endpointId()).distinct().toArray(Long[]::new))
                .executeUpdate();
    }

    /** A failed attempt: the next one on the schedule (or Retry-After), or none; the endpoint disabled after 410 or a day of failures. */
    private void failed(Due due, Outcome outcome, Instant now) {
        WebhookDelivery delivery = WebhookDelivery.findById(due.id(), LockModeType.PESSIMISTIC_WRITE);
        WebhookEndpoint endpoint = WebhookEndpoint.findById(due.endpointId(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || endpoint == null) {
            return; // the endpoint was deleted meanwhile
        }
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.deliveryId = delivery.id;
        attempt.attemptedAt = now.minusMillis(outcome.durationMs());
        attempt.statusCode = outcome.status();
        attempt.durationMs = outcome.durationMs();
        attempt.error = outcome.error();
        attempt.responseExcerpt = outcome.excerpt();
        attempt.persist();
        delivery.attempts++;
        delivery.lastStatusCode = outcome.status();
        delivery.lastError = outcome.error();
        delivery.lastExcerpt = outcome.excerpt();
        delivery.lastDurationMs = outcome.durationMs();
        delivery.lastAttemptAt = attempt.attemptedAt;
        delivery.updatedAt = now;
        List<Duration> schedule = config.retrySchedule();
        boolean gone = Integer.valueOf(410).equals(outcome.status());
        if (delivery.attempts > schedule.size() || gone) {
            delivery.status = WebhookDelivery.FAILED;
            delivery.nextAttemptAt = null;
        } else {
            Duration wait = schedule.get(delivery.attempts - 1);
            if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
                wait = outcome.retryAfter().compareTo(config.disableAfter()) < 0 ? outcome.retryAfter() : config.disableAfter();
            }
            delivery.nextAttemptAt = now.plus(wait);
        }
        if (endpoint.failingSince == null) {
            endpoint.failingSince = attempt.attemptedAt;
        }
        if (gone) {
            disable(endpoint, "The receiver answered 410 Gone.", now);
        } else if (!endpoint.failingSince.plus(config.disableAfter()).isAfter(now)) {
            disable(endpoint, "Every delivery failed since " + endpoint.failingSince + ".", now);
        }
    }

    private void disable(WebhookEndpoint endpoint, String reason, Instant now) {
        if (!endpoint.enabled) {
            return;
        }
        endpoint.enabled = false;
        endpoint.disabledReason = reason;
        endpoint.updatedAt = now;
        AdminEvent.record("system", "webhook.disabled", Map.of("id", endpoint.id, "url", endpoint.url, "reason", reason), now);
        disabled.fire(new WebhookDisabled(endpoint.id, endpoint.url, endpoint.ownerEmail, reason));
    }
}
