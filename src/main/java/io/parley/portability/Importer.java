package io.parley.portability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.comment.CommentHtml;
import io.parley.comment.CommentStatus;
import io.parley.common.db.SequenceIds;
import io.parley.common.json.JsonText;
import io.parley.identity.Commenter;
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
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;
import javax.xml.stream.XMLStreamException;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Runs one import job in three steps. Reading: the file is parsed as a stream and staged in batches
 * (import_thread, import_row via COPY), each batch committed with the job's position and counts,
 * so a job interrupted by a restart reads on from where it stopped. Creating: passes turn the
 * staged rows into articles, commenters and comments with set-based SQL (parents resolved
 * whatever order the file lists them in, depth and thread computed, authors deduplicated by email),
 * and record each comment's source id so that importing the file again adds nothing. Publishing:
 * the comments were created in a table of the job's own, without the comment table's indexes;
 * those are built on it, one sort each, and the table joins {@code comment} as a partition (V30),
 * so that all of a job's comments appear at once. Maintaining the indexes row by row instead was
 * nine tenths of an import's cost (bench/README.md).
 * Imported comments do not pass the live pipeline: they were moderated where they come from.
 */
@ApplicationScoped
class Importer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Importer.class);
    static final int BATCH = 5000;
    /** Reading is most of the work; the last part of the progress bar is the creating transaction. */
    static final double READING_SHARE = 0.8;

    private final EntityManager em;
    private final ObjectMapper json;

    Importer(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
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
        try (Counting in = new Counting(Files.newInputStream(job.file()))) {
            Staging staging = new Staging(job, in, repairs, progress, staged);
            ExportParser.of(job.format()).read(XmlInput.open(in, repairs), job.options(), staging::accept);
            staging.flush(true);
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

    /** Collects items into batches; items up to the saved position were staged by an earlier run and are passed over. */
    private final class Staging {
        private final Job job;
        private final Counting in;
        private final XmlInput.Repairs repairs;
        private final DoubleConsumer progress;
        private final LongConsumer stagedSoFar;
        private final ImportCounts counts;
        private long stagedComments;
        private final List<ImportItem.Thread> threads = new ArrayList<>();
        private final List<ImportItem.Comment> comments = new ArrayList<>();
        /** Each staged comment's position in the file: its row's key, the same however often the job resumes. */
        private final List<Long> positions = new ArrayList<>();
        private long position;

        Staging(Job job, Counting in, XmlInput.Repairs repairs, DoubleConsumer progress, LongConsumer stagedSoFar) {
            this.stagedSoFar = stagedSoFar;
            this.job = job;
            this.in = in;
            this.repairs = repairs;
            this.progress = progress;
            this.counts = job.counts();
        }

        void accept(ImportItem item) {
            position++;
            if (position >= IDS_PER_JOB) {
                throw new IllegalStateException("more items than a job has comment ids for: " + IDS_PER_JOB);
            }
            if (position <= job.staged()) {
                return;
            }
            if (item instanceof ImportItem.Thread t) {
                threads.add(t);
            } else {
                counts.read++;
                if (item instanceof ImportItem.Comment c) {
                    comments.add(c);
                    positions.add(position);
                } else if (item instanceof ImportItem.Skipped s) {
                    counts.skip(s.reason(), 1);
                } else if (item instanceof ImportItem.Error e) {
                    counts.error(e.sourceId(), e.line(), e.message());
                }
            }
            if (comments.size() + threads.size() >= BATCH) {
                flush(false);
            }
        }

        void flush(boolean last) {
            counts.invalidCharacters = repairs.invalidCharacters;
            counts.badEncoding = repairs.badEncoding;
            double fraction = READING_SHARE * (last ? 1 : Math.min(1, (double) in.position / Math.max(1, job.size())));
            QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                stageThreads();
                stageComments();
                synchronized (counts) { // a create pass adds to the same counts meanwhile
                    em.createNativeQuery("update import_job set staged = ?2, counts = cast(?3 as jsonb), progress = ?4,"
                                    + " heartbeat_at = now() where id = ?1")
                            .setParameter(1, job.id()).setParameter(2, position).setParameter(3, JsonText.of(json, counts))
                            .setParameter(4, fraction).executeUpdate();
                }
            });
            stagedComments += comments.size();
            progress.accept(fraction);
            stagedSoFar.accept(stagedComments);
            threads.clear();
            comments.clear();
            positions.clear();
        }

        private void stageThreads() {
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

        private void stageComments() {
            if (comments.isEmpty()) {
                return;
            }
            StringBuilder csv = new StringBuilder(comments.size() * 512);
            // sanitising is most of reading's CPU: the batch's comments go through the allow-list on every core
            String[] htmls = comments.parallelStream().map(c -> c.body() == null ? null : CommentHtml.render(c.body()).html())
                    .toArray(String[]::new);
            for (int i = 0; i < comments.size(); i++) {
                ImportItem.Comment c = comments.get(i);
                String html = htmls[i];
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
            // the comment table's columns and checks, and of its indexes only the one that parents are found by;
            // the author history counts the comments as they are created, as the comment table's trigger would
            sql("create table if not exists " + table + " (like comment including defaults including constraints)");
            sql("create unique index if not exists " + job.own("comment_id") + " on " + table + " (id)");
            sql("create or replace trigger " + job.own("comment_author_history") + " after insert on " + table
                    + " referencing new table as new_comments for each statement execute function count_author_history_inserts()");
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
                           null::integer as depth,
                           case when r.author_email is not null then 'email:' || lower(r.author_email)
                                else 'name:' || r.author_name || '|' || coalesce(r.author_url, '') end as author_key
                    from (select distinct on (source_id) seq, comment_id, source_id, parent_source_id, thread_key, author_name,
                                 author_email, author_url, created_at, status
                          from import_row where job_id = %d and seq <= %d order by source_id, seq) r
                    left join import_thread t on t.job_id = %d and t.source_key = r.thread_key""".formatted(job.id(), upTo, job.id()));
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
                                    author_email, author_website, author_ip, user_agent, created_at, deleted_at, reasons)
                    select i.comment_id, i.article_id, i.parent_id, i.root_id, i.depth, i.commenter_id, i.status, r.body, r.html,
                           i.author_name, i.author_email, i.author_url, r.author_ip, r.user_agent, i.created_at,
                           case when i.status = 'DELETED' then i.created_at end, cast(?1 as jsonb)
                    from (select i.*, a.commenter_id from imp i join import_author a on a.author_key = i.author_key
                          order by i.article_id, i.created_at) i
                    cross join lateral (select body, html, author_ip, user_agent from import_row r where r.job_id = ?2 and r.seq = i.seq) r
                    """.formatted(table), "[{\"code\":\"IMPORTED\",\"text\":\"Imported from " + (job.format() == ImportFormat.WXR
                    ? "WordPress" : "Disqus") + " with the status it had there.\"}]", job.id());
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
        alone(job, () -> {
            if (attached(table)) {
                return;
            }
            sql("drop trigger if exists " + job.own("comment_author_history") + " on " + table);
            sql("analyze " + table);
            sql("alter table comment attach partition %s for values from (%d) to (%d)".formatted(table, job.firstId(), job.idsEnd()));
            count("select count(pg_notify('parley_thread', article_id)) from (select distinct article_id from " + table + ") a");
        });
        LOG.infof("Import %d: comments published in %d ms", job.id(), (System.nanoTime() - started) / 1_000_000);
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
