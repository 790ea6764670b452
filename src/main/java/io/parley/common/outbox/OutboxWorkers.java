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
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs each {@link DueWork} on a thread of its own on every replica. A worker runs its work until
 * nothing is left, then sleeps until events commit (at once on the replica that committed them; on
 * the others through a NOTIFY on {@code parley_outbox}), another worker has made work for it, or the
 * poll interval passes: a lost notification only delays delivery. Replicas share the work through
 * the rows they claim, never by coordination.
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
        work.forEach(w -> workers.add(new Worker(w)));
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
        wakeAll();
    }

    @Override
    public void gap() {
        wakeAll();
    }

    public void wakeAll() {
        workers.forEach(w -> w.wake.release());
    }

    /**
     * For a transaction that made work (events, mail): once it commits, this replica's workers wake
     * at once and the other replicas' by a NOTIFY sent after the commit, never from inside it.
     */
    public void wakeAfterCommit() {
        afterCommit.run(() -> {
            wakeAll();
            notifications.get().notifySoon(CHANNEL);
        });
    }

    private final class Worker {
        final DueWork work;
        final Semaphore wake = new Semaphore(0);
        Thread thread;

        Worker(DueWork work) {
            this.work = work;
        }

        void start() {
            String name = work.getClass().getSimpleName().replace("_Subclass", "").replace("_ClientProxy", "");
            thread = new Thread(this::loop, "parley-" + name);
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
                        wakeAll(); // what this work made may be another worker's
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
