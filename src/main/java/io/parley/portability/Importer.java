package io.parley.portability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comment.CommentHtml;
import io.parley.comment.CommentStatus;
import io.parley.common.db.SequenceIds;
import io.parley.common.json.JsonText;
import io.parley.identity.Commenter;
import io.parley.spam.SpamFilter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;
import javax.xml.stream.XMLStreamException;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Runs one import job: reading, creating, publishing. The file is parsed as a stream, in batches,
 * each committed with the job's position and counts, so that a job interrupted by a restart reads
 * on from where it stopped. A WordPress file holds each post's comments inside the post: its
 * batches end with whole posts, their threads are resolved in memory and their comments copied
 * straight into the job's table, one batch saved while the next is read. A Disqus file lists
 * comments apart from their threads: its batches are staged (import_thread, import_row via COPY),
 * and passes turn them into comments with set-based SQL (parents resolved whatever order the file
 * lists them in, authors deduplicated by email). Either way each comment's source id is recorded,
 * so that importing the file again adds nothing. Publishing: the comments were created in a table
 * of the job's own, without the comment table's indexes; those are built on it, one sort each, the
 * author history counts its comments once, and the table joins {@code comment} as a partition
 * (V30), so that all of a job's comments appear at once. Maintaining the indexes row by row, or the
 * author history batch by batch, cost most of an import's time (bench/README.md).
 * Imported comments do not pass the live pipeline: they were moderated where they come from.
 */
@ApplicationScoped
class Importer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Importer.class);
    static final int BATCH = 5000;
    /** The most comments of one WordPress post held at once (a few tens of MB). */
    static final int POST_CAP = 50_000;
    /** Reading is most of the work; the last part of the progress bar is the creating transaction. */
    static final double READING_SHARE = 0.8;

    private final EntityManager em;
    private final ObjectMapper json;
    private final SpamFilter spamFilter;
    /** Saves a WordPress file's batches while the next one is read. */
    private final ExecutorService creator = ImportJobs.daemon("parley-import-copy");

    Importer(EntityManager em, ObjectMapper json, SpamFilter spamFilter) {
        this.em = em;
        this.json = json;
        this.spamFilter = spamFilter;
    }

    /** A job as its worker needs it. */
    record Job(long id, ImportFormat format, Path file, long size, ImportOptions options, long staged, ImportCounts counts) {

        /**
         * The table the job's comments are created in, and its range of comment ids: comments
         * posted here stay below 10^15 (V30), and each job numbers its comments by their position in
         * the file from a range of its own above that (the same ids however often the job resumes).
         */
        String table() {
            return TABLE_PREFIX + id;
        }

        long firstId() {
            return 1_000_000_000_000_000L + id * IDS_PER_JOB;
        }

        /** The end of the job's range of ids, past its last. */
        long idsEnd() {
            return firstId() + IDS_PER_JOB;
        }

        /** The name on the job's table of an index or key of the comment table. */
        String own(String name) {
            return name + "_import_" + id;
        }
    }

    /** A job's table is named by this and the job's id. */
    static final String TABLE_PREFIX = "comment_import_";

    /** Ids a job may give its comments: more than the items of any file it could read. */
    static final long IDS_PER_JOB = 10_000_000_000L;

    /**
     * Reads the job's file from its saved position; {@code progress} hears the fraction done, and
     * {@code staged} the number of comments this run has staged, after each batch.
     */
    void read(Job job, DoubleConsumer progress, LongConsumer staged) throws IOException, XMLStreamException {
        XmlInput.Repairs repairs = new XmlInput.Repairs();
        repairs.invalidCharacters = job.counts().invalidCharacters;
        repairs.badEncoding = job.counts().badEncoding;
        if (job.format() == ImportFormat.WXR) {
            QuarkusTransaction.requiringNew().run(() -> createTable(job));
        }
        try (Counting in = new Counting(Files.newInputStream(job.file()))) {
            Staging staging = new Staging(job, in, repairs, progress, staged);
            try {
                ExportParser.of(job.format()).read(XmlInput.open(in, repairs), job.options(), staging::accept);
                staging.flush(true);
            } catch (XMLStreamException | RuntimeException failed) {
                try {
                    staging.awaitSaved(); // the batch being saved commits or fails before the job is called failed
                } catch (RuntimeException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            }
        }
    }

    /** Waits for work on another thread, and fails as it failed. */
    static void await(Future<?> work) {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Bytes read so far, for the progress bar. */
    private static final class Counting extends FilterInputStream {
        long position;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            position += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            position += Math.max(n, 0);
            return n;
        }
    }

    /** A batch of what the file holds, with what reading it counted (added to the job's counts when it is saved). */
    private record Batch(List<ImportItem.Thread> threads, ImportItem.Thread post, List<ImportItem.Comment> comments, String[] htmls,
            List<Long> positions, long position, ImportCounts read, long invalidCharacters, long badEncoding, double fraction) {
    }

    /**
     * Collects items into batches; items up to the saved position were staged by an earlier run and
     * are passed over. A WordPress batch is saved on a thread of its own while the next one is read,
     * so that parsing and the database work at the same time; at most two batches are held.
     */
    private final class Staging {
        private final Job job;
        private final Counting in;
        private final XmlInput.Repairs repairs;
        private final DoubleConsumer progress;
        private final LongConsumer stagedSoFar;
        private final ImportCounts counts;
        /** What reading counted since the last batch: the job's counts take it when that batch is saved. */
        private ImportCounts read = new ImportCounts();
        private long stagedComments;
        private final List<ImportItem.Thread> threads = new ArrayList<>();
        private final List<ImportItem.Comment> comments = new ArrayList<>();
        /** Each staged comment's position in the file: its row's key, the same however often the job resumes. */
        private final List<Long> positions = new ArrayList<>();
        private long position;
        /** WordPress files are created batch by batch as they are read ({@link #createDirectly}); Disqus files are staged. */
        private final boolean direct;
        /** The WordPress post being read. */
        private ImportItem.Thread post;
        private Future<?> saving;

        Staging(Job job, Counting in, XmlInput.Repairs repairs, DoubleConsumer progress, LongConsumer stagedSoFar) {
            this.direct = job.format() == ImportFormat.WXR;
            this.stagedSoFar = stagedSoFar;
            this.job = job;
            this.in = in;
            this.repairs = repairs;
            this.progress = progress;
            this.counts = job.counts();
        }

        void accept(ImportItem item) {
            if (direct && (item instanceof ImportItem.Thread ? comments.size() + threads.size() >= BATCH : comments.size() >= POST_CAP)) {
                // a WordPress batch ends with a whole post, so that its replies' parents are all in it; a post too
                // large to hold is split, and a reply listed before its parent across the split goes to the top level
                flush(false);
            }
            position++;
            if (item instanceof ImportItem.Thread t) {
                post = t; // also when an earlier run created it: the rest of its comments need its article
            }
            if (position >= IDS_PER_JOB) {
                throw new IllegalStateException("more items than a job has comment ids for: " + IDS_PER_JOB);
            }
            if (position <= job.staged()) {
                return;
            }
            if (item instanceof ImportItem.Thread t) {
                threads.add(t);
            } else {
                read.read++;
                if (item instanceof ImportItem.Comment c) {
                    comments.add(c);
                    positions.add(position);
                } else if (item instanceof ImportItem.Skipped s) {
                    read.skip(s.reason(), 1);
                } else if (item instanceof ImportItem.Error e) {
                    read.error(e.sourceId(), e.line(), e.message());
                }
            }
            if (!direct && comments.size() + threads.size() >= BATCH) {
                flush(false);
            }
        }

        void flush(boolean last) {
            double fraction = READING_SHARE * (last ? 1 : Math.min(1, (double) in.position / Math.max(1, job.size())));
            // sanitised here, before a WordPress batch goes to be saved: parsing waits for it, the database does not
            Batch batch = new Batch(List.copyOf(threads), post, List.copyOf(comments), sanitised(comments), List.copyOf(positions),
                    position, read, repairs.invalidCharacters, repairs.badEncoding, fraction);
            read = new ImportCounts();
            threads.clear();
            comments.clear();
            positions.clear();
            if (direct) {
                awaitSaved();
                saving = creator.submit(() -> save(batch));
                if (last) {
                    awaitSaved();
                }
            } else {
                save(batch);
                stagedSoFar.accept(stagedComments += batch.comments().size());
            }
            progress.accept(fraction);
        }

        void awaitSaved() {
            if (saving != null) {
                await(saving);
            }
        }

        private void save(Batch batch) {
            QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                if (direct) {
                    createDirectly(job, batch, counts);
                } else {
                    stageThreads(batch.threads());
                    stageComments(batch);
                }
                synchronized (counts) { // a create pass adds to the same counts meanwhile
                    counts.add(batch.read());
                    counts.invalidCharacters = batch.invalidCharacters();
                    counts.badEncoding = batch.badEncoding();
                    em.createNativeQuery("update import_job set staged = ?2, counts = cast(?3 as jsonb), progress = ?4,"
                                    + " heartbeat_at = now() where id = ?1")
                            .setParameter(1, job.id()).setParameter(2, batch.position()).setParameter(3, JsonText.of(json, counts))
                            .setParameter(4, batch.fraction()).executeUpdate();
                }
            });
        }

        private void stageThreads(List<ImportItem.Thread> threads) {
            if (threads.isEmpty()) {
                return;
            }
            em.createNativeQuery("""
                            insert into import_thread (job_id, source_key, article_id, title, url)
                            select ?1, t.key, t.article, t.title, t.url
                            from unnest(cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]))
                                 as t(key, article, title, url)
                            on conflict do nothing""")
                    .setParameter(1, job.id())
                    .setParameter(2, threads.stream().map(ImportItem.Thread::key).toArray(String[]::new))
                    .setParameter(3, threads.stream().map(ImportItem.Thread::articleId).toArray(String[]::new))
                    .setParameter(4, threads.stream().map(ImportItem.Thread::title).toArray(String[]::new))
                    .setParameter(5, threads.stream().map(ImportItem.Thread::url).toArray(String[]::new))
                    .executeUpdate();
        }

        private void stageComments(Batch batch) {
            List<ImportItem.Comment> comments = batch.comments();
            List<Long> positions = batch.positions();
            if (comments.isEmpty()) {
                return;
            }
            StringBuilder csv = new StringBuilder(comments.size() * 512);
            for (int i = 0; i < comments.size(); i++) {
                ImportItem.Comment c = comments.get(i);
                String html = batch.htmls()[i];
                Csv.row(csv, Long.toString(job.id()), positions.get(i).toString(), Long.toString(job.firstId() + positions.get(i)), c.sourceId(), c.parentSourceId(), c.threadKey(), c.authorName(), c.authorEmail(),
                        c.authorUrl(), Csv.ip(c.authorIp()), c.userAgent(), c.createdAt().toString(), c.status().name(), c.body(),
                        html, Integer.toString(c.line()));
            }
            copy("copy import_row (job_id, seq, comment_id, source_id, parent_source_id, thread_key, author_name, author_email,"
                    + " author_url, author_ip, user_agent, created_at, status, body, html, line) from stdin with (format csv)", csv);
        }
    }

    /**
     * Turns what is staged so far into comments in the job's table, in one transaction, while the
     * file is still being read (so that reading and creating use both cores). A reply whose parent
     * is not created yet and not in this pass stays staged for a later one; the last pass puts those
     * that never found their parent at the top level. Each pass records its comments' source ids and
     * unstages them, so a job resumed after a restart carries on with what is left.
     */
    void createPass(Job job, boolean last) {
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            ImportCounts counts = job.counts();
            long started = System.nanoTime();
            // sorts and hashes over many rows: in memory, for this transaction only
            sql("set local work_mem = '256MB'");
            String table = job.table();
            createTable(job);
            // comments created before: those of other jobs and posted here, and this job's earlier passes
            String created = "(select id, article_id, root_id, depth from comment union all select id, article_id, root_id, depth from "
                    + table + ")";
            // rows staged meanwhile wait for the next pass: every statement here keeps to those staged now
            long upTo = count("select coalesce(max(seq), 0) from import_row where job_id = ?1", job.id());
            long staged = count("select count(*) from import_row where job_id = ?1 and seq <= ?2", job.id(), upTo);
            // the first of each source id, with its thread's article (null: a thread the file did not describe); the
            // texts stay in import_row until the final INSERT, so that the sorts and joins move small rows
            // (CREATE TABLE AS takes no bind parameters: the job id is a number, written in)
            sql("""
                    create temp table imp on commit drop as
                    select r.seq, r.comment_id, r.source_id, r.parent_source_id, r.author_name, r.author_email, r.author_url,
                           r.created_at, r.status, t.article_id, null::bigint as parent_id, null::bigint as root_id,
                           null::integer as depth, %s as author_key
                    from (select distinct on (source_id) seq, comment_id, source_id, parent_source_id, thread_key, author_name,
                                 author_email, author_url, created_at, status
                          from import_row where job_id = %d and seq <= %d order by source_id, seq) r
                    left join import_thread t on t.job_id = %d and t.source_key = r.thread_key""".formatted(AUTHOR_KEY, job.id(), upTo, job.id()));
            long distinct = count("select count(*) from imp");
            sql("delete from imp where article_id is null");
            long inThreads = count("select count(*) from imp");
            sql("delete from imp i using import_source s where s.format = ?1 and s.source_id = i.source_id", job.format().apiName());
            long fresh = count("select count(*) from imp");
            sql("create index on imp (source_id)");
            sql("analyze imp");

            // parents: in this file (whatever order it lists them in), else imported before; in the same article
            sql("update imp c set parent_id = p.comment_id from imp p where p.source_id = c.parent_source_id and p.article_id = c.article_id");
            sql("""
                    update imp c set parent_id = pc.id from import_source s join %s pc on pc.id = s.comment_id
                    where c.parent_id is null and c.parent_source_id is not null and s.format = ?1
                      and s.source_id = c.parent_source_id and pc.article_id = c.article_id""".formatted(created), job.format().apiName());
            // the threads' tops: comments without a parent, and at the last pass also those whose parent never came
            sql("""
                    with recursive tree (comment_id, root_id, depth) as (
                        select c.comment_id, null::bigint, 0 from imp c where c.parent_id is null""" + (last ? "" : " and c.parent_source_id is null") + """
                        union all
                        select c.comment_id, coalesce(pc.root_id, pc.id), pc.depth + 1
                        from imp c join %s pc on pc.id = c.parent_id
                        union all
                        select c.comment_id, coalesce(t.root_id, t.comment_id), t.depth + 1
                        from imp c join tree t on c.parent_id = t.comment_id
                    )
                    update imp c set root_id = t.root_id, depth = t.depth from tree t where t.comment_id = c.comment_id""".formatted(created));
            // no parent yet: wait for a later pass; at the last, a parent the file does not hold (or a loop of parents)
            // puts the comment at the top level
            sql("create temp table waiting on commit drop as select seq from imp where depth is null");
            long orphans = 0;
            if (last) {
                orphans = count("select count(*) from imp where parent_source_id is not null and (parent_id is null or depth is null)");
                sql("update imp set parent_id = null, root_id = null, depth = 0 where depth is null");
                sql("truncate waiting");
            } else {
                sql("delete from imp where depth is null");
            }
            long waiting = count("select count(*) from waiting");
            fresh -= waiting;

            createAuthors();
            sql("""
                    insert into article (id, title, url, created_at)
                    select distinct on (t.article_id) t.article_id, t.title, t.url, now() from import_thread t
                    where t.job_id = ?1 and exists (select 1 from imp i where i.article_id = t.article_id)
                    order by t.article_id
                    on conflict (id) do nothing""", job.id());
            // an article's comments together on disk (its pages read fewer blocks); the narrow rows are sorted, and
            // each then fetches its texts, so that the sort does not move them
            sql("""
                    insert into %s (id, article_id, parent_id, root_id, depth, commenter_id, status, body, html, author_name,
                                    author_email, author_website, author_ip, user_agent, created_at, deleted_at)
                    select i.comment_id, i.article_id, i.parent_id, i.root_id, i.depth, i.commenter_id, i.status, r.body, r.html,
                           i.author_name, i.author_email, i.author_url, r.author_ip, r.user_agent, i.created_at,
                           case when i.status = 'DELETED' then i.created_at end
                    from (select i.*, a.commenter_id from imp i join import_author a on a.author_key = i.author_key
                          order by i.article_id, i.created_at) i
                    cross join lateral (select body, html, author_ip, user_agent from import_row r where r.job_id = ?1 and r.seq = i.seq) r
                    """.formatted(table), job.id());
            sql("insert into import_source (format, source_id, comment_id) select ?1, source_id, comment_id from imp", job.format().apiName());
            sql("""
                    update article a set first_comment_at = f.first from (select article_id, min(created_at) as first from imp group by 1) f
                    where a.id = f.article_id and (a.first_comment_at is null or a.first_comment_at > f.first)""");
            sql("delete from import_row r where job_id = ?1 and seq <= ?2 and not exists (select 1 from waiting w where w.seq = r.seq)",
                    job.id(), upTo);
            if (last) {
                sql("delete from import_thread where job_id = ?1", job.id());
            }
            synchronized (counts) {
                counts.skip("duplicate in the file", staged - distinct);
                counts.skip("thread missing from the file", distinct - inThreads);
                counts.skip("imported before", inThreads - fresh - waiting);
                counts.parentMissing += orphans;
                counts.imported += fresh;
                sql("update import_job set counts = cast(?2 as jsonb) where id = ?1", job.id(), JsonText.of(json, counts));
            }
            LOG.infof("Import %d: %d comments created in %d ms%s", job.id(), fresh, (System.nanoTime() - started) / 1_000_000,
                    waiting > 0 ? ", " + waiting + " wait for their parent" : "");
        });
    }

    /**
     * The job's table: the comment table's columns and checks, and of its indexes only the one that
     * parents are found by. The author history counts its comments when they are published.
     */
    private void createTable(Job job) {
        String table = job.table();
        sql("create table if not exists " + table + " (like comment including defaults including constraints)");
        sql("create unique index if not exists " + job.own("comment_id") + " on " + table + " (id)");
        // the same for every comment of the job: parsed once here rather than once a row
        sql("alter table " + table + " alter column reasons set default '" + reasons(job) + "'");
    }

    /** Why an imported comment has its status: the moderation reasons it carries. */
    private static String reasons(Job job) {
        return "[{\"code\":\"IMPORTED\",\"text\":\"Imported from " + (job.format() == ImportFormat.WXR ? "WordPress" : "Disqus")
                + " with the status it had there.\"}]";
    }

    /** Sanitising is most of reading's CPU: a batch's comments go through the allow-list on every core. */
    private static String[] sanitised(List<ImportItem.Comment> comments) {
        return comments.parallelStream().map(c -> c.body() == null ? null : CommentHtml.render(c.body()).html()).toArray(String[]::new);
    }

    /**
     * A WordPress file holds each post's comments inside the post, and a batch ends with a whole
     * post, so every parent a reply in the batch can have is in the batch or was created before:
     * threads are resolved here, in memory, and the comments copied straight into the job's table.
     * Staging them first and resolving them with SQL, as Disqus files need (they list comments apart
     * from their threads), cost most of an import's time (bench/README.md). The first of each
     * source id is created; a reply whose parent is not in its post (or that is in a loop of
     * parents) goes to the top level.
     */
    private void createDirectly(Job job, Batch batch, ImportCounts counts) {
        List<ImportItem.Comment> comments = batch.comments();
        List<Long> positions = batch.positions();
        if (comments.isEmpty()) {
            return;
        }
        // the batch's posts; the one read last may have begun in an earlier batch
        Map<String, ImportItem.Thread> threads = new HashMap<>();
        threads.put(batch.post().key(), batch.post());
        batch.threads().forEach(t -> threads.put(t.key(), t));
        Map<String, String> articleOf = new HashMap<>();
        threads.values().forEach(t -> articleOf.put(t.key(), t.articleId()));
        Map<String, Long> known = new HashMap<>();
        List<Object[]> recorded = Sql.column(em, "select source_id, comment_id from import_source where format = ?1 and source_id = any(?2)",
                job.format().apiName(), comments.stream().flatMap(c -> java.util.stream.Stream.of(c.sourceId(), c.parentSourceId()))
                        .filter(java.util.Objects::nonNull).distinct().toArray(String[]::new));
        recorded.forEach(r -> known.put((String) r[0], ((Number) r[1]).longValue()));
        List<ImportItem.Comment> fresh = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Map<String, Integer> bySource = new HashMap<>();
        for (int i = 0; i < comments.size(); i++) {
            ImportItem.Comment c = comments.get(i);
            Long before = known.get(c.sourceId());
            if (before != null || bySource.containsKey(c.sourceId())) {
                counts.skip(before == null || before >= job.firstId() && before < job.idsEnd() ? "duplicate in the file" : "imported before", 1);
            } else {
                bySource.put(c.sourceId(), fresh.size());
                fresh.add(c);
                htmls.add(batch.htmls()[i]);
                ids.add(job.firstId() + positions.get(i));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        // parents created before (an earlier batch or import): where they sit in their threads
        Map<Long, ThreadPlaces.Anchor> anchors = new HashMap<>();
        Long[] anchorIds = fresh.stream().map(c -> c.parentSourceId() == null || bySource.containsKey(c.parentSourceId()) ? null
                : known.get(c.parentSourceId())).filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
        if (anchorIds.length > 0) {
            List<Object[]> rows = Sql.column(em, "select id, article_id, root_id, depth from comment where id = any(?1) union all"
                    + " select id, article_id, root_id, depth from " + job.table() + " where id = any(?1)", (Object) anchorIds);
            rows.forEach(r -> anchors.put(((Number) r[0]).longValue(), new ThreadPlaces.Anchor(((Number) r[0]).longValue(), (String) r[1],
                    r[2] == null ? null : ((Number) r[2]).longValue(), ((Number) r[3]).intValue())));
        }
        int n = fresh.size();
        ThreadPlaces places = new ThreadPlaces(ids, fresh.stream().map(c -> articleOf.get(c.threadKey())).toList(),
                fresh.stream().map(ImportItem.Comment::parentSourceId).toList(), bySource, source -> anchors.get(known.get(source)));
        counts.parentMissing += places.parentMissing;
        Long[] commenters = authors(fresh);
        // the articles of the posts that have comments created
        List<ImportItem.Thread> used = fresh.stream().map(c -> threads.get(c.threadKey())).distinct().toList();
        Sql.update(em, """
                insert into article (id, title, url, created_at)
                select distinct on (t.id) t.id, t.title, t.url, now()
                from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[])) as t(id, title, url)
                order by t.id
                on conflict (id) do nothing""", used.stream().map(ImportItem.Thread::articleId).toArray(String[]::new),
                used.stream().map(ImportItem.Thread::title).toArray(String[]::new), used.stream().map(ImportItem.Thread::url).toArray(String[]::new));
        Map<String, java.time.Instant> first = new java.util.TreeMap<>();
        fresh.forEach(c -> first.merge(articleOf.get(c.threadKey()), c.createdAt(), (a, b) -> a.isBefore(b) ? a : b));
        Sql.update(em, """
                update article a set first_comment_at = f.first
                from unnest(cast(?1 as text[]), cast(?2 as timestamptz[])) as f(id, first)
                where a.id = f.id and (a.first_comment_at is null or a.first_comment_at > f.first)""", first.keySet().toArray(String[]::new),
                first.values().stream().map(t -> java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC)).toArray(java.time.OffsetDateTime[]::new));
        StringBuilder csv = new StringBuilder(n * 512);
        for (int k = 0; k < n; k++) {
            ImportItem.Comment c = fresh.get(k);
            String created = c.createdAt().toString();
            Csv.row(csv, ids.get(k).toString(), articleOf.get(c.threadKey()), string(places.parentIds[k]), string(places.rootIds[k]),
                    places.depths[k].toString(),
                    commenters[k].toString(), c.status().name(), c.body(), htmls.get(k), c.authorName(), c.authorEmail(), c.authorUrl(),
                    Csv.ip(c.authorIp()), c.userAgent(), created, c.status() == CommentStatus.DELETED ? created : null);
        }
        copy("copy " + job.table() + " (id, article_id, parent_id, root_id, depth, commenter_id, status, body, html, author_name, author_email,"
                + " author_website, author_ip, user_agent, created_at, deleted_at) from stdin with (format csv)", csv);
        Sql.update(em, "insert into import_source (format, source_id, comment_id) select ?1, s, c from unnest(cast(?2 as text[]), cast(?3 as bigint[])) as r(s, c)",
                job.format().apiName(), fresh.stream().map(ImportItem.Comment::sourceId).toArray(String[]::new), ids.toArray(Long[]::new));
        counts.imported += n;
    }

    private static String string(Long value) {
        return value == null ? null : value.toString();
    }

    /** The commenter of each comment: one guest per author key (as {@link #AUTHOR_KEY} tells them apart), made for new ones. */
    private Long[] authors(List<ImportItem.Comment> comments) {
        String[] names = comments.stream().map(ImportItem.Comment::authorName).toArray(String[]::new);
        String[] emails = comments.stream().map(ImportItem.Comment::authorEmail).toArray(String[]::new);
        String[] urls = comments.stream().map(ImportItem.Comment::authorUrl).toArray(String[]::new);
        List<Object[]> rows = Sql.column(em, """
                select r.ord, r.key, a.commenter_id
                from (select ord, %s as key from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]))
                      with ordinality as r(author_name, author_email, author_url, ord)) r
                left join lateral (select commenter_id from import_author a where a.author_key = r.key) a on true
                """.formatted(AUTHOR_KEY), names, emails, urls); // lateral: a key at a time, never the whole table hashed
        Long[] commenters = new Long[comments.size()];
        Map<String, Integer> latest = new HashMap<>(); // a new author's name and website: those of their latest comment
        String[] keys = new String[comments.size()];
        for (Object[] r : rows) {
            int i = ((Number) r[0]).intValue() - 1;
            keys[i] = (String) r[1];
            if (r[2] != null) {
                commenters[i] = ((Number) r[2]).longValue();
            } else {
                latest.merge(keys[i], i, (a, b) -> comments.get(b).createdAt().isAfter(comments.get(a).createdAt()) ? b : a);
            }
        }
        if (!latest.isEmpty()) {
            List<String> fresh = new ArrayList<>(latest.keySet());
            Long[] ids = SequenceIds.next(em, Commenter.class, fresh.size());
            List<ImportItem.Comment> newest = fresh.stream().map(k -> comments.get(latest.get(k))).toList();
            Sql.update(em, """
                    insert into commenter (id, provider, name, email, website, created_at, updated_at)
                    select id, 'guest', name, email, url, created_at, now()
                    from unnest(cast(?1 as bigint[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]), cast(?5 as timestamptz[]))
                         as a(id, name, email, url, created_at)""", ids, newest.stream().map(ImportItem.Comment::authorName).toArray(String[]::new),
                    newest.stream().map(ImportItem.Comment::authorEmail).toArray(String[]::new),
                    newest.stream().map(ImportItem.Comment::authorUrl).toArray(String[]::new),
                    newest.stream().map(c -> java.time.OffsetDateTime.ofInstant(c.createdAt(), java.time.ZoneOffset.UTC))
                            .toArray(java.time.OffsetDateTime[]::new));
            Sql.update(em, "insert into import_author (author_key, commenter_id) select * from unnest(cast(?1 as text[]), cast(?2 as bigint[]))",
                    fresh.toArray(String[]::new), ids);
            Map<String, Long> made = new HashMap<>();
            for (int j = 0; j < fresh.size(); j++) {
                made.put(fresh.get(j), ids[j]);
            }
            for (int i = 0; i < keys.length; i++) {
                if (commenters[i] == null) {
                    commenters[i] = made.get(keys[i]);
                }
            }
        }
        return commenters;
    }

    /**
     * Makes the job's comments public. The comment table's indexes and keys are built on the job's
     * table, each in a transaction of its own that new comments do not wait for; then the table is
     * attached to {@code comment} as a partition, which holds new comments up for a moment (at most
     * 0.2 s while 300,000 were attached, measured). Safe to run again: each step is skipped once done, so a job cut
     * off here by a restart publishes when it resumes. A job that created nothing leaves no table.
     */
    void publish(Job job) {
        String table = job.table();
        boolean created = QuarkusTransaction.requiringNew().call(() -> {
            lock(job);
            if (count("select count(*) from pg_class where relname = ?1", table) == 0 || attached(table)) {
                return false;
            }
            if (count("select count(*) from (select 1 from " + table + " limit 1) t") == 0) {
                sql("drop table " + table);
                return false;
            }
            return true;
        });
        if (!created) {
            return;
        }
        long started = System.nanoTime();
        List<Object[]> indexes = QuarkusTransaction.requiringNew().call(() -> Sql.column(em, """
                select c.relname, pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid
                where i.indrelid = cast('comment' as regclass)"""));
        for (Object[] index : indexes) {
            String name = (String) index[0];
            alone(job, () -> {
                sql("set local maintenance_work_mem = '256MB'");
                sql(((String) index[1]).replaceFirst("INDEX " + name + " ON ONLY (\\S+\\.)?comment ",
                        "INDEX IF NOT EXISTS " + job.own(name) + " ON $1" + table + " "));
            });
        }
        // with a check that implies the partition's bounds, attaching need not read the rows again
        addConstraint(job, job.own("comment_ids"), "check (id >= %d and id < %d)".formatted(job.firstId(), job.idsEnd()));
        List<Object[]> keys = QuarkusTransaction.requiringNew().call(() -> Sql.column(em, """
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = cast('comment' as regclass) and contype = 'f' and conparentid = 0"""));
        for (Object[] key : keys) {
            // added unchecked (a moment's lock on the table referred to), then checked without one: attaching adopts them
            String name = job.own((String) key[0]);
            addConstraint(job, name, key[1] + " not valid");
            alone(job, () -> sql("alter table " + table + " validate constraint " + name));
        }
        if (job.options().learnSpam()) {
            learnSpam(job);
        }
        alone(job, () -> {
            if (attached(table)) {
                return;
            }
            // a job begun by an earlier version counted its comments as they were created, with a trigger
            String counted = job.own("comment_author_history");
            if (count("select count(*) from pg_trigger where tgrelid = cast(?1 as regclass) and tgname = ?2", table, counted) == 0) {
                sql(Sql.<String>column(em, "select author_history_counting(?1)", table).get(0));
            }
            sql("drop trigger if exists " + counted + " on " + table);
            sql("alter table " + table + " alter column reasons drop default");
            sql("analyze " + table);
            sql("alter table comment attach partition %s for values from (%d) to (%d)".formatted(table, job.firstId(), job.idsEnd()));
            count("select count(pg_notify('parley_thread', article_id)) from (select distinct article_id from " + table + ") a");
        });
        LOG.infof("Import %d: comments published in %d ms", job.id(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Teaches the spam filter from the job's spam and approved comments, a batch per transaction,
     * each marking what it learnt (as a moderator's decision does), so that a resumed job carries on
     * and a moderator who later decides otherwise unlearns it. Before attaching, with no row
     * triggers on the job's table to fire.
     */
    private void learnSpam(Job job) {
        for (long after = job.firstId() - 1; after >= 0; ) {
            long from = after;
            after = QuarkusTransaction.requiringNew().call(() -> {
                lock(job);
                List<Object[]> rows = Sql.column(em, "select id, status = 'SPAM', body, html, author_name, author_email, author_website,"
                        + " parent_id is not null from " + job.table() + " where id > ?1 and status in ('SPAM', 'APPROVED')"
                        + " and trained_as is null and body is not null order by id limit " + BATCH, from);
                if (rows.isEmpty()) {
                    return -1L;
                }
                spamFilter.learnAll(rows.stream().map(r -> new SpamFilter.Example((String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], (String) r[6], (Boolean) r[7], (Boolean) r[1])).toList());
                Long[] ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toArray(Long[]::new);
                sql("update " + job.table() + " set trained_as = case when status = 'SPAM' then 'spam' else 'ham' end"
                        + " where id = any(cast(?1 as bigint[]))", (Object) ids);
                return ids[ids.length - 1];
            });
        }
        job.counts().learntBySpamFilter = QuarkusTransaction.requiringNew().call(() ->
                count("select count(*) from " + job.table() + " where trained_as is not null"));
    }

    private boolean attached(String table) {
        return count("select count(*) from pg_inherits where inhrelid = cast(?1 as regclass)", table) > 0;
    }

    /** Adds a constraint to the job's table unless it is there. */
    private void addConstraint(Job job, String name, String definition) {
        alone(job, () -> {
            if (count("select count(*) from pg_constraint where conrelid = cast(?1 as regclass) and conname = ?2", job.table(), name) == 0) {
                sql("alter table " + job.table() + " add constraint " + name + " " + definition);
            }
        });
    }

    /** A step of publishing, in a transaction of its own that no other replica's run of the same step overlaps. */
    private void alone(Job job, Runnable step) {
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            lock(job);
            step.run();
        });
    }

    /** Not the job's row: its heartbeat is written meanwhile. */
    private void lock(Job job) {
        count("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l", job.table());
    }

    /** How an import tells authors apart: by email, and without one by name and website. */
    private static final String AUTHOR_KEY = "case when r.author_email is not null then 'email:' || lower(r.author_email)"
            + " else 'name:' || r.author_name || '|' || coalesce(r.author_url, '') end";

    /** One guest commenter per new author key, with the name and website of their latest comment. */
    private void createAuthors() {
        int fresh = (int) count("select count(distinct author_key) from imp i where not exists"
                + " (select 1 from import_author a where a.author_key = i.author_key)");
        if (fresh == 0) {
            return;
        }
        Long[] ids = SequenceIds.next(em, Commenter.class, fresh);
        sql("create temp table new_author (author_key text, id bigint) on commit drop");
        sql("""
                insert into new_author
                select k.author_key, n.id from (
                    select author_key, row_number() over (order by author_key) as rn
                    from (select distinct author_key from imp i
                          where not exists (select 1 from import_author a where a.author_key = i.author_key)) d) k
                join unnest(cast(?1 as bigint[])) with ordinality as n(id, rn) on n.rn = k.rn""", (Object) ids);
        sql("""
                insert into commenter (id, provider, name, email, website, created_at, updated_at)
                select n.id, 'guest', l.author_name, l.author_email, l.author_url, l.created_at, now()
                from new_author n join (select distinct on (author_key) author_key, author_name, author_email, author_url, created_at
                                        from imp order by author_key, created_at desc) l using (author_key)""");
        sql("insert into import_author (author_key, commenter_id) select author_key, id from new_author");
    }

    private void sql(String sql, Object... parameters) {
        long started = System.nanoTime();
        Sql.update(em, sql, parameters);
        timed(sql, started);
    }

    private long count(String sql, Object... parameters) {
        long started = System.nanoTime();
        long count = Sql.count(em, sql, parameters);
        timed(sql, started);
        return count;
    }

    /** Where a pass spends its time, for whoever tunes imports (DEBUG). */
    private static void timed(String sql, long started) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (ms >= 200 && LOG.isDebugEnabled()) {
            String statement = sql.strip().replaceAll("\\s+", " ");
            LOG.debugf("%6d ms  %s", ms, statement.substring(0, Math.min(90, statement.length())));
        }
    }

    private void copy(String sql, CharSequence csv) {
        em.unwrap(Session.class).doWork(connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY of staged import rows failed", e);
            }
        });
    }
}
