package io.parley.common.db;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Group commit: requests that arrive while a transaction is running wait for the next one and then
 * share it, so that a burst of writes costs a few set-based statements and one durable commit per
 * batch instead of a dozen round trips and a commit each. The caller's future completes once its
 * item is committed (or refused), so an acknowledged write is durable as before; nobody waits on a
 * thread of their own meanwhile.
 *
 * <p>A batch that loses a race ({@link Contention}) runs again; a batch that fails otherwise runs
 * again one item at a time, so one bad item cannot fail the others, unless the database itself is
 * unavailable ({@link DatabaseUnavailable}), which every item is told at once.
 *
 * @param <I> an item to write
 * @param <O> its answer
 */
public final class GroupCommit<I, O> {

    /** The answer for one item of a batch: a value, or the failure that item alone gets. */
    public record Outcome<O>(O value, RuntimeException failure) {

        public static <O> Outcome<O> of(O value) {
            return new Outcome<>(value, null);
        }

        public static <O> Outcome<O> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }
    }

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    private static final int ATTEMPTS = 5;

    private record Pending<I, O>(I item, CompletableFuture<O> answer) {
    }

    private final Function<List<I>, List<Outcome<O>>> work;
    private final Function<I, String> exclusiveKey;
    private final int maxBatch;
    private final Executor afterStop;
    private final LinkedBlockingDeque<Pending<I, O>> queue = new LinkedBlockingDeque<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param work writes a batch inside the transaction it is given, one outcome per item in order
     * @param exclusiveKey items with the same non-null key never share a batch (an Idempotency-Key)
     * @param afterStop where an item that arrives after {@link #stop()} is written, alone
     */
    public GroupCommit(String name, int writers, int maxBatch, Function<List<I>, List<Outcome<O>>> work,
            Function<I, String> exclusiveKey, Executor afterStop) {
        this.work = work;
        this.exclusiveKey = exclusiveKey;
        this.maxBatch = maxBatch;
        this.afterStop = afterStop;
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::writeBatches, name + "-" + i);
            writer.setDaemon(true);
            this.writers.add(writer);
            writer.start();
        }
    }

    /**
     * Writes {@code item} in the next batch. The answer completes on a writer thread once that batch
     * is committed: callers move their own work elsewhere, so that the writer goes on to the next batch.
     */
    public CompletableFuture<O> submit(I item) {
        if (running) {
            Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
            queue.add(pending);
            // the writers may have left already
            if (running || !queue.remove(pending)) {
                return pending.answer();
            }
        }
        return CompletableFuture.supplyAsync(() -> writeAlone(item), afterStop);
    }

    /** Lets the queued items be written, then stops the writers. */
    public void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeBatches() {
        while (running || !queue.isEmpty()) {
            List<Pending<I, O>> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                write(batch);
            } catch (RuntimeException | Error e) {
                LOG.error("Group commit failed unexpectedly", e);
                batch.forEach(p -> p.answer().completeExceptionally(e));
            }
        }
    }

    private List<Pending<I, O>> nextBatch() throws InterruptedException {
        List<Pending<I, O>> batch = new ArrayList<>();
        // polling, not taking, so that a writer notices stop() without being interrupted mid-transaction
        Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        Set<String> keys = new HashSet<>();
        List<Pending<I, O>> later = new ArrayList<>();
        addKey(keys, first);
        for (Pending<I, O> next; batch.size() < maxBatch && (next = queue.poll()) != null; ) {
            (addKey(keys, next) ? batch : later).add(next);
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            queue.addFirst(later.get(i));
        }
        return batch;
    }

    private boolean addKey(Set<String> keys, Pending<I, O> pending) {
        String key = exclusiveKey.apply(pending.item());
        return key == null || keys.add(key);
    }

    private void write(List<Pending<I, O>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Outcome<O>> outcomes;
        try {
            outcomes = attempt(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            // alone, or with the database out of reach, retrying item by item cannot help
            if (batch.size() == 1 || DatabaseUnavailable.isCause(e)) {
                batch.forEach(p -> p.answer().completeExceptionally(e));
                return;
            }
            LOG.debugf(e, "A batch of %d failed; writing its items one at a time", batch.size());
            batch.forEach(p -> write(List.of(p)));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome<O> outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                batch.get(i).answer().completeExceptionally(outcome.failure());
            } else {
                batch.get(i).answer().complete(outcome.value());
            }
        }
    }

    private O writeAlone(I item) {
        Outcome<O> outcome = attempt(List.of(item)).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.value();
    }

    private List<Outcome<O>> attempt(List<I> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> work.apply(items));
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !Contention.isCause(e)) {
                    throw e;
                }
                LOG.debugf("Batch of %d lost a race (attempt %d), running it again", items.size(), attempt);
            }
        }
    }
}
