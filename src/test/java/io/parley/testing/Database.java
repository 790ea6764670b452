package io.parley.testing;

import io.quarkus.test.common.QuarkusTestResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;

/**
 * The test database: started once for the whole run, emptied before each test so every test
 * starts from the same known state, and a few moves that only a moderator or time could make.
 */
@ApplicationScoped
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class Database {

    private final EntityManager em;

    Database(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void reset() {
        em.createNativeQuery("truncate article, commenter, commenter_session, comment, moderation_event, idempotency_key cascade")
                .executeUpdate();
    }

    /** What a moderator's approval will do; the admin API comes later. */
    @Transactional
    public void approve(long commentId) {
        em.createNativeQuery("update comment set status = 'APPROVED' where id = ?1").setParameter(1, commentId).executeUpdate();
    }

    /** Moves a comment's creation back in time, as if it had been posted {@code ago} earlier. */
    @Transactional
    public void age(long commentId, Duration ago) {
        em.createNativeQuery("update comment set created_at = created_at - make_interval(secs => ?2) where id = ?1")
                .setParameter(1, commentId).setParameter(2, (double) ago.toSeconds()).executeUpdate();
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
