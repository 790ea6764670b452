package io.parley.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.error.ProblemException;
import io.parley.common.json.JsonText;
import io.parley.moderation.AdminEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import org.jboss.logging.Logger;

/**
 * Import jobs: created for an uploaded file, one at a time for the site, run by a worker of the
 * replica that holds the file. A worker renews its job's heartbeat; a job whose heartbeat stopped
 * (its replica was restarted mid-way) is taken over and resumes from its last staged batch.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    /** A running job not renewed for this long has lost its worker. */
    static final String STALE = "1 minute";
    /** Comments staged between create passes. */
    static final long PASS = 100_000;

    /** A job as the admin API shows it. */
    public record JobView(long id, String format, String status, double progress, ImportCounts counts, Instant createdAt,
            Instant startedAt, Instant finishedAt, String failure) {
    }

    private final EntityManager em;
    private final Importer importer;
    private final ObjectMapper json;
    private final Clock clock;
    private final io.parley.common.ParleyConfig config;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = daemon("parley-import");
    /** Creates comments from what a worker has staged, while it reads on. */
    private final ExecutorService creator = daemon("parley-import-create");

    static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    ImportJobs(EntityManager em, Importer importer, ObjectMapper json, Clock clock, io.parley.common.ParleyConfig config) {
        this.config = config;
        this.em = em;
        this.importer = importer;
        this.json = json;
        this.clock = clock;
    }

    /** Refuses a new import while another is queued or running (409), before its file is received. */
    public void refuseWhileRunning() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> busy = em.createNativeQuery("select id from import_job where status in ('queued', 'running')").getResultList();
            if (!busy.isEmpty()) {
                throw ProblemException.conflict("An import is running",
                        "Import " + busy.get(0) + " has not finished; one import runs at a time. Follow it at /admin/v1/imports/" + busy.get(0) + ".");
            }
        });
    }

    /** A job for a received file; its worker starts at once. */
    public JobView create(ImportFormat format, ImportOptions options, Path file, long size, String actor) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            refuseWhileRunning();
            Instant now = clock.instant();
            long created = ((Number) em.createNativeQuery("""
                            insert into import_job (format, status, file, size, options, created_by, created_at)
                            values (?1, 'queued', ?2, ?3, cast(?4 as jsonb), ?5, ?6) returning id""")
                    .setParameter(1, format.apiName()).setParameter(2, file.toString()).setParameter(3, size)
                    .setParameter(4, JsonText.of(json, Map.of("articleIds", options.articleIdsFromUrl() ? "url" : "source",
                            "timeZone", options.timeZone().getId(), "learnSpam", options.learnSpam())))
                    .setParameter(5, actor).setParameter(6, now).getSingleResult()).longValue();
            AdminEvent.record(actor, "import.start", Map.of("job", created, "format", format.apiName(), "bytes", size), now);
            return created;
        });
        worker.execute(() -> work(p -> { }));
        return find(id).orElseThrow();
    }

    public Optional<JobView> find(long id) {
        return views("where id = ?1", id).stream().findFirst();
    }

    /** The latest jobs, newest first, for the console. */
    public List<JobView> recent(int limit) {
        return views("order by id desc limit ?1", limit);
    }

    private List<JobView> views(String narrowedBy, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("""
                            select id, format, status, progress, cast(counts as text), created_at, started_at, finished_at, failure
                            from import_job""" + " " + narrowedBy).setParameter(1, parameter).getResultList();
            return rows.stream().map(r -> (Object[]) r).map(r -> new JobView(((Number) r[0]).longValue(), (String) r[1],
                    (String) r[2], ((Number) r[3]).doubleValue(), counts((String) r[4]), instant(r[5]), instant(r[6]), instant(r[7]),
                    (String) r[8])).toList();
        });
    }

    /**
     * Jobs left queued, or running without a worker (a restart), are picked up here; so are the
     * comments of a failed job that could not be published when it failed (the database was away).
     */
    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeAbandoned() {
        worker.execute(() -> {
            work(p -> { });
            List<?> unpublished = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    select j.id from import_job j join pg_class c on c.relname = ?1 || j.id
                    where j.status = 'failed' and not exists (select 1 from pg_inherits i where i.inhrelid = c.oid)""")
                    .setParameter(1, Importer.TABLE_PREFIX).getResultList());
            unpublished.forEach(id -> publishCreated(QuarkusTransaction.requiringNew().call(() -> reload(((Number) id).longValue()))));
        });
    }

    /** What a failed job created before it failed is published all the same: its source ids say it was imported. */
    private void publishCreated(Importer.Job job) {
        try {
            importer.publish(job);
        } catch (RuntimeException e) {
            LOG.warnf("Import %d: its comments are not published yet (%s); trying again later", job.id(), e.getMessage());
        }
    }

    @Scheduled(every = "10s", delayed = "10s")
    void heartbeat() {
        if (!running.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update import_job set heartbeat_at = now() where id = any(cast(?1 as bigint[])) and status = 'running'")
                    .setParameter(1, running.toArray(Long[]::new)).executeUpdate());
        }
    }

    /** Runs every job this replica can, one after the other, on the calling thread. */
    void work(DoubleConsumer progress) {
        for (Optional<Importer.Job> job = claim(); job.isPresent(); job = claim()) {
            run(job.get(), progress);
        }
    }

    private void run(Importer.Job job, DoubleConsumer progress) {
        running.add(job.id());
        try {
            long started = System.nanoTime();
            Passes passes = new Passes(job);
            importer.read(job, progress, passes::staged);
            LOG.infof("Import %d: file read and staged in %d s", job.id(), (System.nanoTime() - started) / 1_000_000_000);
            passes.finish();
            importer.publish(job);
            finish(job, "done", job.counts(), null);
            progress.accept(1);
            if (job.file().startsWith(Path.of(config.imports().dir()))) {
                Files.deleteIfExists(job.file()); // an upload; a command-line import's file is the operator's
            }
        } catch (Exception e) {
            if (e instanceof javax.xml.stream.XMLStreamException) {
                LOG.warnf("Import %d failed: the file is not well-formed XML: %s", job.id(), e.getMessage());
            } else {
                LOG.errorf(e, "Import %d failed", job.id());
            }
            String where = e instanceof javax.xml.stream.XMLStreamException x && x.getLocation() != null
                    ? " (line " + x.getLocation().getLineNumber() + ")" : "";
            finish(job, "failed", null, (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + where);
            publishCreated(job);
        } finally {
            running.remove(job.id());
        }
    }

    /**
     * Create passes run on their own thread while the file is read, one at a time, each once
     * {@link #PASS} more comments are staged; the last one runs when reading is done.
     */
    private final class Passes {
        private final Importer.Job job;
        private Future<?> running;
        private long startedAt;

        Passes(Importer.Job job) {
            this.job = job;
        }

        void staged(long comments) {
            if (comments - startedAt >= PASS && (running == null || running.isDone())) {
                await();
                startedAt = comments;
                running = creator.submit(() -> importer.createPass(job, false));
            }
        }

        void finish() {
            await();
            importer.createPass(job, true);
        }

        private void await() {
            if (running != null) {
                Importer.await(running);
            }
        }
    }

    private void finish(Importer.Job job, String status, ImportCounts counts, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update import_job set status = ?2, finished_at = ?3, failure = ?4, progress = case when ?2 = 'done'"
                            + " then 1 else progress end, counts = coalesce(cast(?5 as jsonb), counts) where id = ?1")
                    .setParameter(1, job.id()).setParameter(2, status).setParameter(3, clock.instant())
                    .setParameter(4, failure).setParameter(5, counts == null ? null : JsonText.of(json, counts)).executeUpdate();
            AdminEvent.record("system", "import." + status, Map.of("job", job.id(), "imported", counts == null ? 0 : counts.imported),
                    clock.instant());
        });
    }

    /** The oldest job waiting for a worker whose file this replica can read; it is marked running. */
    private Optional<Importer.Job> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("select id, file from import_job where status = 'queued'"
                    + " or status = 'running' and (heartbeat_at is null or heartbeat_at < now() - interval '" + STALE + "')"
                    + " order by id for update skip locked").getResultList();
            for (Object row : rows) {
                Object[] r = (Object[]) row;
                long id = ((Number) r[0]).longValue();
                if (Files.isReadable(Path.of((String) r[1]))) {
                    em.createNativeQuery("update import_job set status = 'running', started_at = coalesce(started_at, now()),"
                            + " heartbeat_at = now() where id = ?1").setParameter(1, id).executeUpdate();
                    return Optional.of(reload(id));
                }
            }
            return Optional.<Importer.Job>empty();
        });
    }

    private Importer.Job reload(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("select format, file, size, cast(options as text), staged, cast(counts as text)"
                    + " from import_job where id = ?1").setParameter(1, id).getSingleResult();
            Map<?, ?> options = read((String) r[3], Map.class);
            return new Importer.Job(id, ImportFormat.parse((String) r[0]), Path.of((String) r[1]), ((Number) r[2]).longValue(),
                    new ImportOptions("url".equals(options.get("articleIds")),
                            options.get("timeZone") == null ? ImportOptions.DEFAULTS.timeZone() : ZoneId.of((String) options.get("timeZone")),
                            Boolean.TRUE.equals(options.get("learnSpam"))),
                    ((Number) r[4]).longValue(), counts((String) r[5]));
        });
    }

    private ImportCounts counts(String text) {
        return read(text, ImportCounts.class);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(new IOException("unreadable job state", e));
        }
    }

    private static Instant instant(Object value) {
        return value == null ? null : io.parley.common.db.SqlTimes.instant(value);
    }
}
