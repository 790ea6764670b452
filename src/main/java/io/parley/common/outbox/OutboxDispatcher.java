package io.parley.common.outbox;

import io.parley.common.ParleyConfig;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Hands committed events to every {@link OutboxConsumer} in the order they were recorded, in one
 * transaction with marking them dispatched: a replica that dies midway leaves them to the next
 * worker, so delivery is at least once and receivers drop repeats by the event's id.
 */
@ApplicationScoped
class OutboxDispatcher implements OutboxWorkers.DueWork {

    static final int BATCH = 200;

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
    @Transactional
    @SuppressWarnings("unchecked")
    public int runDue() {
        List<OutboxEvent> events = em.createNativeQuery("""
                        select * from outbox_event where dispatched_at is null order by id limit ?1 for update skip locked""",
                        OutboxEvent.class)
                .setParameter(1, BATCH).getResultList();
        if (events.isEmpty()) {
            return 0;
        }
        consumers.forEach(consumer -> consumer.consume(events));
        em.createNativeQuery("update outbox_event set dispatched_at = ?1 where id = any(cast(?2 as bigint[]))")
                .setParameter(1, clock.instant()).setParameter(2, events.stream().map(e -> e.id).toArray(Long[]::new))
                .executeUpdate();
        return events.size();
    }

    /**
     * What the outbox led to is kept for a while (inspection, redelivery) and then goes: dispatched
     * events, sent or failed mail (which holds readers' addresses), finished webhook deliveries.
     */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        Instant before = clock.instant().minus(retention);
        for (String done : List.of("delete from outbox_event where dispatched_at < ?1",
                "delete from outgoing_mail where status <> 'pending' and created_at < ?1",
                "delete from webhook_delivery where status <> 'pending' and updated_at < ?1")) {
            em.createNativeQuery(done).setParameter(1, before).executeUpdate();
        }
    }
}
