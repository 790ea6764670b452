package io.parley.common.outbox;

import io.parley.common.ParleyConfig;
import io.parley.common.db.AfterCommit;
import io.parley.common.db.Contention;
import io.parley.common.db.DatabaseNotifications;
import io.parley.common.db.DatabaseUnavailable;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs each {@link DueWork} on a thread of its own on every replica. A worker runs its work until
 * nothing is left, then sleeps until work of its kind commits (it wakes at once on the replica that
 * committed it; on the others through a NOTIFY on {@code parley_outbox} that names the work) or the
 * poll interval passes: a lost notification only delays delivery. Only the work that was made wakes:
 * under a stream of comments, waking every worker for every commit cost the writers a transaction
 * per worker per batch. Replicas share the work through the rows they claim, never by coordination.
 */
@ApplicationScoped
public class OutboxWorkers implements DatabaseNotifications.Listener {

    /** A batch of durable work that is due: claims it (FOR UPDATE SKIP LOCKED), does it, returns how much. */
    public interface DueWork {
        int runDue();

        /** The most one {@link #runDue} takes: a full batch means more is waiting. */
        int batchSize();
    }

    private static final Logger LOG = Logger.getLogger(OutboxWorkers.class);

    static final String CHANNEL = "parley_outbox";

    private final List<Worker> workers = new ArrayList<>();
    private final Map<String, Worker> byName = new HashMap<>();
    private final AfterCommit afterCommit;
    // DatabaseNotifications hears this bean's channel: looked up when needed, not at construction
    private final Instance<DatabaseNotifications> notifications;
    private final Duration pollInterval;
    private final Duration linger;
    private volatile boolean running;

    OutboxWorkers(@All List<DueWork> work, ParleyConfig config, AfterCommit afterCommit, Instance<DatabaseNotifications> notifications) {
        this.afterCommit = afterCommit;
        this.notifications = notifications;
        this.pollInterval = config.outbox().pollInterval();
        this.linger = config.outbox().linger();
        for (DueWork w : work) {
            Worker worker = new Worker(w);
            workers.add(worker);
            byName.put(nameOf(w.getClass()), worker);
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        workers.forEach(Worker::start);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        workers.forEach(w -> w.thread.interrupt());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public void notified(String payload) {
        Worker worker = byName.get(payload);
        if (worker == null) {
            wakeAll(); // from a replica that names its work differently (a rolling upgrade): wake everything
        } else {
            worker.wake.release();
        }
    }

    @Override
    public void gap() {
        wakeAll();
    }

    public void wakeAll() {
        workers.forEach(w -> w.wake.release());
    }

    /** Work of this replica's own, made outside any transaction (handed over in memory). */
    public void wake(Class<? extends DueWork> type) {
        Worker worker = byName.get(nameOf(type));
        if (worker != null) {
            worker.wake.release();
        }
    }

    /**
     * For a transaction that made work of a {@code type} (events, mail, deliveries): once it commits,
     * this replica's worker wakes at once and the other replicas' by a NOTIFY sent after the commit,
     * never from inside it.
     */
    public void wakeAfterCommit(Class<? extends DueWork> type) {
        String name = nameOf(type);
        afterCommit.run(() -> {
            wake(type);
            notifications.get().notifySoon(CHANNEL, name);
        });
    }

    /** A work's name whether its bean class is the class itself, an interceptor subclass or a proxy. */
    private static String nameOf(Class<?> type) {
        return type.getSimpleName().replace("_Subclass", "").replace("_ClientProxy", "");
    }

    private final class Worker {
        final DueWork work;
        final Semaphore wake = new Semaphore(0);
        Thread thread;

        Worker(DueWork work) {
            this.work = work;
        }

        void start() {
            thread = new Thread(this::loop, "parley-" + nameOf(work.getClass()));
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            long backoff = 500;
            while (running) {
                try {
                    int done = work.runDue();
                    backoff = 500;
                    if (done > 0) {
                        if (done < work.batchSize()) {
                            // under load, rounds of a few items each would cost the writers more than
                            // the items: let more gather first (when idle, this is all the delay added)
                            Thread.sleep(linger.toMillis());
                        }
                        continue;
                    }
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // shutting down: the pool is closing under the work
                    }
                    if (Contention.isCause(e)) {
                        LOG.debugf("%s lost a race (%s); trying again", thread.getName(), e.getMessage());
                        continue; // a deadlock victim's work is still there: claim it again
                    }
                    if (DatabaseUnavailable.isCause(e)) {
                        LOG.warnf("%s: database unavailable (%s); trying again in %d ms", thread.getName(),
                                DatabaseUnavailable.describe(e), backoff);
                    } else {
                        LOG.errorf(e, "%s failed; trying again in %d ms", thread.getName(), backoff);
                    }
                    try {
                        Thread.sleep(backoff);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = Math.min(backoff * 2, 30_000);
                }
            }
        }
    }
}
