package io.parley.common.flood;

import io.parley.common.db.Contention;
import io.parley.common.db.RoundTrip;
import io.parley.common.db.SqlTimes;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The gate's rows for {@code keys}, with the time each last let a comment through, locked until
     * the transaction ends: to run along with the caller's other queries and hand to {@link #pass}.
     * Rows are locked (and new ones inserted) in key order, so that concurrent transactions cannot
     * deadlock on them.
     */
    public RoundTrip.Query<Map<String, Instant>> lock(Collection<String> keys) {
        return RoundTrip.query("select key, last_at from flood_gate where key = any(cast(? as text[])) order by key for update", rows -> {
            Map<String, Instant> last = new HashMap<>();
            while (rows.next()) {
                last.put(rows.getString(1), SqlTimes.instant(rows, 2));
            }
            return last;
        }).bind(keys.stream().distinct().toArray(String[]::new));
    }

    /**
     * What {@link #pass} decided: the refused positions with their 429, and the statement that
     * gives the passing keys their new time, to run with the caller's other writes.
     */
    public record Passage(Map<Integer, ProblemException> refused, Optional<RoundTrip.Query<Integer>> take, int keys) {

        /**
         * Throws {@link Contention} when another replica took a new key meanwhile; running the
         * transaction again then decides on what it committed.
         */
        public void confirm() {
            if (take.isPresent() && take.get().result() != keys) {
                throw new Contention("a flood gate key was taken by a concurrent transaction");
            }
        }
    }

    /**
     * Lets through the items (each with its keys, all of them {@link #lock}ed, with the times it
     * found) whose keys all passed their interval, in order: an item also waits for an earlier one
     * in the same call that shares a key.
     */
    public Passage pass(List<List<String>> keysPerItem, Duration interval, Map<String, Instant> locked) {
        Map<Integer, ProblemException> refused = new HashMap<>();
        if (interval.isZero() || interval.isNegative() || keysPerItem.isEmpty()) {
            return new Passage(refused, Optional.empty(), 0);
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(interval);
        Map<String, Instant> last = new HashMap<>(locked);
        List<String> passing = new ArrayList<>();
        for (int i = 0; i < keysPerItem.size(); i++) {
            List<String> keys = keysPerItem.get(i);
            Optional<Instant> latest = keys.stream().map(last::get).filter(t -> t != null && t.isAfter(cutoff))
                    .max(Instant::compareTo);
            if (latest.isPresent()) {
                long wait = Math.max(1, Duration.between(now, latest.get().plus(interval)).toMillis() / 1000 + 1);
                refused.put(i, new ProblemException(429, "Too fast", "Please wait " + wait + " seconds before commenting again.",
                        List.of(), Map.of("Retry-After", Long.toString(wait))));
            } else {
                keys.forEach(key -> last.put(key, now));
                passing.addAll(keys);
            }
        }
        if (passing.isEmpty()) {
            return new Passage(refused, Optional.empty(), 0);
        }
        return new Passage(refused, Optional.of(RoundTrip.query("""
                        insert into flood_gate (key, last_at) select k, ? from unnest(cast(? as text[])) as k order by k
                        on conflict (key) do update set last_at = excluded.last_at where flood_gate.last_at <= ?
                        returning key""", RoundTrip::count)
                .bind(now).bind(passing.toArray(String[]::new)).bind(cutoff)), passing.size());
    }

    @io.quarkus.scheduler.Scheduled(every = "10m", delayed = "1m", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldEntries() {
        em.createNativeQuery("delete from flood_gate where last_at < ?1").setParameter(1, clock.instant().minus(Duration.ofDays(1)))
                .executeUpdate();
    }
}
