package io.parley.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.parley.comment.ThreadCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The test database: started once for the whole run, emptied before each test so every test
 * starts from the same known state, and a few moves that only a moderator or time could make.
 */
@ApplicationScoped
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(ProviderStandInResource.class)
@QuarkusTestResource(ArticlePageResource.class)
@QuarkusTestResource(NewsroomIdpResource.class)
@QuarkusTestResource(MailServerResource.class)
public class Database {

    private final EntityManager em;
    private final ThreadCache threadCache;
    private final RecordedEvents events;

    Database(EntityManager em, ThreadCache threadCache, RecordedEvents events) {
        this.em = em;
        this.threadCache = threadCache;
        this.events = events;
    }

    /**
     * Empties every table and restores the default moderation settings, except that flood control
     * is off (tests post faster than any reader); tests of flood control turn it back on.
     */
    public void reset() {
        // the service's background work (outbox workers, spam checks) may still hold a table of the
        // previous test; PostgreSQL breaks such a deadlock by failing one side, and that side is
        // retried here rather than failing a test that has not started yet
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(this::truncateAll);
                break;
            } catch (RuntimeException e) {
                if (attempt == 5 || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
        threadCache.evictAll();
        MailServerResource.empty();
        events.clear();
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void truncateAll() {
        em.createNativeQuery("""
                truncate outbox_event, subscription, outgoing_mail, alert_digest, webhook_endpoint,
                         article, commenter, commenter_session, comment, moderation_event, idempotency_key, ban,
                         admin_event, flood_gate, comment_flag, spam_token, author_history, comment_claim, console_session,
                         import_job, import_source, import_author cascade""").executeUpdate();
        em.createNativeQuery("update spam_corpus set spam_docs = 0, ham_docs = 0").executeUpdate();
        em.createNativeQuery("update moderation_settings set doc = '{\"floodIntervalSeconds\": 0}', version = version + 1")
                .executeUpdate();
    }

    /** What a moderator's approval will do; the admin API comes later. */
    @Transactional
    public void approve(long commentId) {
        em.createNativeQuery("update comment set status = 'APPROVED' where id = ?1").setParameter(1, commentId).executeUpdate();
        threadCache.evictAll(); // SQL bypasses the services; the database's notification would come a moment later
    }

    /** Moves a comment's creation back in time, as if it had been posted {@code ago} earlier. */
    @Transactional
    public void age(long commentId, Duration ago) {
        em.createNativeQuery("update comment set created_at = created_at - make_interval(secs => ?2) where id = ?1")
                .setParameter(1, commentId).setParameter(2, (double) ago.toSeconds()).executeUpdate();
        threadCache.evictAll();
    }

    /** Many comments at once, spread over 100 articles and all statuses, for query-plan checks. */
    @Transactional
    public void fillWithComments(int count) {
        em.createNativeQuery("""
                insert into article (id, created_at) select 'bulk-' || a, now() from generate_series(0, 99) a
                on conflict do nothing""").executeUpdate();
        em.createNativeQuery("""
                insert into commenter (id, provider, name, created_at, updated_at)
                values (nextval('commenter_seq'), 'guest', 'bulk', now(), now())""").executeUpdate();
        em.createNativeQuery("""
                insert into comment (id, article_id, depth, commenter_id, status, body, html, author_name, author_email,
                                     created_at)
                select nextval('comment_seq'), 'bulk-' || (n % 100), 0, (select max(id) from commenter),
                       (array['PENDING', 'APPROVED', 'APPROVED', 'SPAM', 'REJECTED'])[1 + n % 5],
                       'text ' || n, 'text ' || n, 'bulk', 'bulk' || (n % 500) || '@example.com',
                       now() - make_interval(secs => n)
                from generate_series(1, ?1) n""").setParameter(1, count).executeUpdate();
        em.createNativeQuery("analyze comment").executeUpdate();
        em.createNativeQuery("analyze author_history").executeUpdate();
    }

    @Transactional
    public void execute(String sql) {
        em.createNativeQuery(sql).executeUpdate();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public String explain(String sql) {
        return String.join("\n", em.createNativeQuery("explain " + sql).getResultList());
    }

    /** Moves every comment's creation back in time. */
    @Transactional
    public void ageAll(Duration ago) {
        em.createNativeQuery("update comment set created_at = created_at - make_interval(secs => ?1)")
                .setParameter(1, (double) ago.toSeconds()).executeUpdate();
        threadCache.evictAll();
    }

    @Transactional
    public long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }

    @Transactional
    public Object scalar(String sql, Object... params) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query.getSingleResult();
    }
}
