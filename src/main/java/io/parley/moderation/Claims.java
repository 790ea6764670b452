package io.parley.moderation;

import static io.parley.common.db.SqlTimes.instant;

import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Short leases on comments under review ("being reviewed by NAME"): taken when a moderator opens
 * or focuses a comment, renewed while they stay on it, released by their decision or by time.
 * A claim is a courtesy that keeps two moderators from doing the same work, not a lock: a decision
 * by someone else still goes through (and the expected version guards against stale views).
 */
@ApplicationScoped
public class Claims {

    public static final Duration LEASE = Duration.ofSeconds(60);

    /** Who is reviewing a comment, until when. */
    public record Claim(long commentId, String moderator, String name, Instant expiresAt) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final Event<ClaimChanged> changed;

    Claims(EntityManager em, Clock clock, Event<ClaimChanged> changed) {
        this.em = em;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * Takes or renews the lease on comment {@code id} for {@code moderator}; a 409 naming the
     * other moderator while their lease runs.
     */
    @Transactional
    public Claim claim(long id, Actor moderator, String name) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<String> taken = em.createNativeQuery("""
                        insert into comment_claim (article_id, comment_id, moderator, name, expires_at)
                        select c.article_id, c.id, ?2, ?3, ?4 from comment c where c.id = ?1
                        on conflict (article_id, comment_id) do update set moderator = excluded.moderator, name = excluded.name,
                            expires_at = excluded.expires_at
                        where comment_claim.moderator = excluded.moderator or comment_claim.expires_at <= ?5
                        returning article_id""")
                .setParameter(1, id).setParameter(2, moderator.name()).setParameter(3, name)
                .setParameter(4, now.plus(LEASE)).setParameter(5, now)
                .getResultList();
        if (!taken.isEmpty()) {
            changed.fire(new ClaimChanged(id, taken.get(0), name, false));
            return new Claim(id, moderator.name(), name, now.plus(LEASE));
        }
        Claim current = current(List.of(id)).get(id);
        if (current == null) {
            throw ProblemException.notFound("No such comment", "Comment " + id + " does not exist.");
        }
        throw ProblemException.conflict("Being reviewed", current.name() + " is reviewing this comment.").withCurrent(current);
    }

    /** Gives the lease back (a moderator moved on); another's lease is left alone. */
    @Transactional
    @SuppressWarnings("unchecked")
    public void release(long id, Actor moderator) {
        List<Object[]> released = em.createNativeQuery(
                        "delete from comment_claim where comment_id = ?1 and moderator = ?2 returning article_id, name")
                .setParameter(1, id).setParameter(2, moderator.name()).getResultList();
        released.forEach(r -> changed.fire(new ClaimChanged(id, (String) r[0], (String) r[1], true)));
    }

    /** A decision ends the review, whoever held the lease. Runs in the decision's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void decided(Collection<Long> ids) {
        em.createNativeQuery("delete from comment_claim where comment_id = any(cast(?1 as bigint[]))")
                .setParameter(1, ids.toArray(Long[]::new)).executeUpdate();
    }

    /** The leases still running on these comments. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<Long, Claim> current(Collection<Long> ids) {
        Map<Long, Claim> claims = new HashMap<>();
        if (ids.isEmpty()) {
            return claims;
        }
        List<Object[]> rows = em.createNativeQuery("""
                        select comment_id, moderator, name, expires_at from comment_claim
                        where comment_id = any(cast(?1 as bigint[])) and expires_at > ?2""")
                .setParameter(1, ids.toArray(Long[]::new)).setParameter(2, clock.instant()).getResultList();
        for (Object[] row : rows) {
            long commentId = ((Number) row[0]).longValue();
            claims.put(commentId, new Claim(commentId, (String) row[1], (String) row[2], instant(row[3])));
        }
        return claims;
    }
}
