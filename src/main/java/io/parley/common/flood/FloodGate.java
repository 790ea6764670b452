package io.parley.common.flood;

import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * At most one accepted comment per interval for each key (an identity, a client IP), enforced in
 * PostgreSQL so it holds across replicas. The gate row is updated in the caller's transaction: a
 * concurrent request for the same key waits on the row lock and then sees the first one's time; a
 * request that fails later (422, say) rolls back and does not use up the interval.
 */
@ApplicationScoped
public class FloodGate {

    private final EntityManager em;
    private final Clock clock;

    FloodGate(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pass(List<String> keys, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        for (String key : keys) {
            List<?> passed = em.createNativeQuery("""
                            insert into flood_gate (key, last_at) values (?1, ?2)
                            on conflict (key) do update set last_at = excluded.last_at
                            where flood_gate.last_at <= ?3
                            returning last_at""")
                    .setParameter(1, key).setParameter(2, now).setParameter(3, now.minus(interval))
                    .getResultList();
            if (passed.isEmpty()) {
                Instant last = (Instant) em.createNativeQuery("select last_at from flood_gate where key = ?1", Instant.class)
                        .setParameter(1, key).getSingleResult();
                long wait = Math.max(1, Duration.between(now, last.plus(interval)).toMillis() / 1000 + 1);
                throw new ProblemException(429, "Too fast", "Please wait " + wait + " seconds before commenting again.",
                        List.of(), Map.of("Retry-After", Long.toString(wait)));
            }
        }
    }

    @io.quarkus.scheduler.Scheduled(every = "10m", delayed = "1m", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldEntries() {
        em.createNativeQuery("delete from flood_gate where last_at < ?1").setParameter(1, clock.instant().minus(Duration.ofDays(1)))
                .executeUpdate();
    }
}
