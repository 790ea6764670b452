package io.parley.portability;

import io.parley.common.ParleyConfig;
import io.parley.moderation.AdminEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Keeps personal data no longer than the settings say: IP addresses and user agents of comments
 * older than parley.retention.ip-and-user-agent are removed; spam and rejected comments unchanged for
 * parley.retention.spam-and-rejected are deleted (one that still has replies keeps its place as a
 * bodiless, anonymous placeholder). Runs hourly on one replica at a time (a transaction-scoped
 * advisory lock), in bounded batches so that no run holds locks for long.
 */
@ApplicationScoped
public class Retention {

    private static final int BATCH = 5000;
    /** pg_try_advisory_xact_lock key: "retention". */
    private static final long LOCK = 0x726574656e74L;

    /** What one run removed. */
    public record Run(boolean ran, long addressesRemoved, long commentsDeleted) {
    }

    private final EntityManager em;
    private final ParleyConfig config;
    private final Clock clock;

    Retention(EntityManager em, ParleyConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        enforce();
    }

    /** One run; {@code ran} is false when another replica holds the lock. */
    public Run enforce() {
        Instant now = clock.instant();
        Instant addressesBefore = now.minus(config.retention().ipAndUserAgent());
        Instant spamBefore = now.minus(config.retention().spamAndRejected());
        long addresses = 0;
        long deleted = 0;
        for (int round = 0; ; round++) {
            long[] done = QuarkusTransaction.requiringNew().call(() -> {
                if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult()) {
                    return null;
                }
                long cleared = Sql.update(em, """
                        update comment set author_ip = null, user_agent = null where id in (
                            select id from comment where created_at < ?1 and (author_ip is not null or user_agent is not null)
                            limit ?2)""", addressesBefore, BATCH);
                long removed = purge(spamBefore);
                Sql.update(em, "delete from privacy_request where expires_at < ?1", now.minus(java.time.Duration.ofDays(1)));
                return new long[] {cleared, removed};
            });
            if (done == null) {
                return new Run(false, 0, 0);
            }
            addresses += done[0];
            deleted += done[1];
            if (done[0] < BATCH && done[1] < BATCH) {
                break;
            }
        }
        if (addresses + deleted > 0) {
            long a = addresses;
            long d = deleted;
            QuarkusTransaction.requiringNew().run(() -> AdminEvent.record("system", "retention",
                    Map.of("addressesRemoved", a, "commentsDeleted", d), now));
        }
        return new Run(true, addresses, deleted);
    }

    /** Spam and rejected comments past their time: deleted with what hangs on them, or blanked while they have replies. */
    private long purge(Instant before) {
        Sql.update(em, "create temp table expired on commit drop as select id, article_id from comment where false");
        Sql.update(em, """
                insert into expired select c.id, c.article_id from comment c
                where c.status in ('SPAM', 'REJECTED') and c.created_at < ?1
                  and not exists (select 1 from moderation_event m where m.article_id = c.article_id and m.comment_id = c.id
                                  and m.created_at >= ?1)
                  and not exists (select 1 from comment r where r.parent_id = c.id and r.article_id = c.article_id)
                limit ?2""", before, BATCH);
        long n = Sql.count(em, "select count(*) from expired");
        Sql.update(em, "delete from comment_flag f using expired e where f.article_id = e.article_id and f.comment_id = e.id");
        Sql.update(em, "delete from moderation_event m using expired e where m.article_id = e.article_id and m.comment_id = e.id");
        Sql.update(em, "delete from import_source s using expired e where s.comment_id = e.id");
        Sql.update(em, "delete from comment c using expired e where c.article_id = e.article_id and c.id = e.id");
        Sql.update(em, """
                update comment c set body = null, html = null, author_name = 'Deleted', author_email = null, author_website = null,
                       author_ip = null, user_agent = null
                where c.status in ('SPAM', 'REJECTED') and c.created_at < ?1 and c.body is not null
                  and not exists (select 1 from moderation_event m where m.article_id = c.article_id and m.comment_id = c.id
                                  and m.created_at >= ?1)""", before);
        return n;
    }
}
