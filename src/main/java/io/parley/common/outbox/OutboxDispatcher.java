package io.parley.common.outbox;

import io.parley.common.db.AsyncCommit;
import io.parley.common.ParleyConfig;
import io.parley.common.db.SqlTimes;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Hands committed events to every {@link OutboxConsumer} in the order they were recorded, in one
 * transaction with taking them out of the outbox: a replica that dies midway leaves them to the next
 * worker, so delivery is at least once and receivers drop repeats by the event's id.
 */
@ApplicationScoped
class OutboxDispatcher implements OutboxWorkers.DueWork {

    /** Rows of the outbox per round; a row of a writer's batch holds a few dozen events. */
    static final int BATCH = 50;
    static final int ROUND_TIMEOUT_SECONDS = 15;

    private final List<OutboxConsumer> consumers;
    private final EntityManager em;
    private final Clock clock;
    private final Duration retention;

    OutboxDispatcher(@All List<OutboxConsumer> consumers, EntityManager em, Clock clock, ParleyConfig config) {
        this.consumers = consumers;
        this.em = em;
        this.clock = clock;
        this.retention = config.outbox().retention();
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    /**
     * A round is a few milliseconds; one that is held up far longer is rolled back and claimed again
     * rather than keeping the events from every replica's workers for the default minute.
     */
    @Override
    @Transactional
    @TransactionConfiguration(timeout = ROUND_TIMEOUT_SECONDS)
    @SuppressWarnings("unchecked")
    public int runDue() {
        AsyncCommit.forThisTransaction(em);
        // taken out of the outbox and handed on in one transaction: both happen, or neither. The claim
        // is an InitPlan, run once, and the delete finds its rows by key: as "id in (subquery)" the
        // planner may join the whole queue, whose size is what grows when the workers fall behind
        List<Object[]> rows = em.createNativeQuery("""
                        with claimed as (
                            delete from outbox_event where id = any(array(
                                select id from outbox_event order by id limit ?1 for update skip locked))
                            returning id, events, created_at)
                        select c.id, row_number() over (partition by c.id order by e.n, t.n) - 1, t.type, e.article_id, e.comment_id,
                               cast(e.data as text), c.created_at
                        from claimed c,
                             rows from (jsonb_to_recordset(c.events) as (article_id text, comment_id bigint, types text[], data jsonb))
                                 with ordinality as e(article_id, comment_id, types, data, n),
                             unnest(e.types) with ordinality as t(type, n)""")
                .setParameter(1, BATCH).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<OutboxEvent> events = rows.stream()
                .map(r -> new OutboxEvent(((Number) r[0]).longValue() * Outbox.PER_ROW + ((Number) r[1]).longValue(), (String) r[2],
                        (String) r[3], r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5], SqlTimes.instant(r[6])))
                .sorted(Comparator.comparingLong(OutboxEvent::id)).toList();
        consumers.forEach(consumer -> consumer.consume(events));
        return (int) rows.stream().map(r -> r[0]).distinct().count();
    }

    /**
     * What the outbox led to is kept for a while (inspection, redelivery) and then goes: sent or
     * failed mail (which holds readers' addresses) and finished webhook deliveries.
     */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        Instant before = clock.instant().minus(retention);
        for (String done : List.of("delete from outgoing_mail where status <> 'pending' and created_at < ?1",
                "delete from webhook_delivery where status <> 'pending' and updated_at < ?1")) {
            em.createNativeQuery(done).setParameter(1, before).executeUpdate();
        }
    }
}
