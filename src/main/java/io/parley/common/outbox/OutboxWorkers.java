package io.parley.common.outbox;

import io.parley.common.ParleyConfig;
import io.parley.common.db.Contention;
import io.parley.common.db.DatabaseNotifications;
import io.parley.common.db.DatabaseUnavailable;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs each {@link DueWork} on a thread of its own on every replica. A worker runs its work until
 * nothing is left, then sleeps until events commit anywhere (NOTIFY on {@code parley_outbox}),
 * another worker has made work for it, or the poll interval passes: a lost notification only
 * delays delivery. Replicas share the work through the rows they claim, never by coordination.
 */
@ApplicationScoped
public class OutboxWorkers implements DatabaseNotifications.Listener {

    /** A batch of durable work that is due: claims it (FOR UPDATE SKIP LOCKED), does it, returns how much. */
    public interface DueWork {
        int runDue();
    }

    private static final Logger LOG = Logger.getLogger(OutboxWorkers.class);

    private final List<Worker> workers = new ArrayList<>();
    private final Duration pollInterval;
    private volatile boolean running;

    OutboxWorkers(@All List<DueWork> work, ParleyConfig config) {
        this.pollInterval = config.outbox().pollInterval();
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
        return "parley_outbox";
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
