package io.parley.testing;

import io.parley.common.outbox.OutboxConsumer;
import io.parley.common.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every event the outbox dispatched during a test, as its consumers got it (the outbox itself is
 * emptied as it dispatches). Emptied with the database before each test.
 */
@ApplicationScoped
public class RecordedEvents implements OutboxConsumer {

    private final List<OutboxEvent> events = new CopyOnWriteArrayList<>();
    private final EntityManager em;

    RecordedEvents(EntityManager em) {
        this.em = em;
    }

    @Override
    public void consume(List<OutboxEvent> dispatched) {
        events.addAll(dispatched);
    }

    void clear() {
        events.clear();
    }

    /** The events matching {@code which} in the order they were recorded, once every committed event is dispatched. */
    public List<OutboxEvent> all(Predicate<OutboxEvent> which) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from outbox_event")
                .getSingleResult()).longValue()) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the outbox still holds events after 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return events.stream().filter(which).sorted(Comparator.comparingLong(OutboxEvent::id)).toList();
    }

    public List<String> typesOfComment(long commentId) {
        return all(e -> e.commentId() != null && e.commentId() == commentId).stream().map(OutboxEvent::type).toList();
    }
}
