package io.parley.common.idempotency;

import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stripe-style {@code Idempotency-Key}: the first successful answer to a request is stored with the
 * key, in the same transaction as the work it describes, and replayed for retries of that request.
 * Claiming inserts the key first: a concurrent retry blocks on the unique key until the first
 * transaction ends, then reads its answer, so two requests can never both do the work.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final EntityManager em;
    private final ParleyConfig config;
    private final Clock clock;

    IdempotencyKeys(EntityManager em, ParleyConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** A stored answer: its status, JSON body, and the commenter the original request acted for. */
    public record Stored(int status, String body, Long commenterId) {
    }

    public static void checkFormat(String key) {
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
    }

    /** The outcome of claiming keys: stored answers for retries, and keys reused for a different request. */
    public record Claims(Map<String, Stored> retries, Set<String> reused) {

        public static ProblemException reuse() {
            return new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
    }

    /**
     * Claims each key (to the fingerprint of its request). A key in neither part of the answer is
     * this request's to do; a concurrent first request with the same key is waited for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Claims claim(Map<String, String> requestHashes) {
        Claims claims = new Claims(new HashMap<>(), new HashSet<>());
        if (requestHashes.isEmpty()) {
            return claims;
        }
        List<String> keys = new ArrayList<>(requestHashes.keySet());
        // inserted in key order, so that concurrent claims of several keys cannot deadlock
        List<String> claimed = em.createNativeQuery("""
                        insert into idempotency_key (key, request_hash, created_at)
                        select k, h, ?3 from unnest(cast(?1 as text[]), cast(?2 as text[])) as t(k, h) order by k
                        on conflict (key) do nothing returning key""")
                .setParameter(1, keys.toArray(String[]::new))
                .setParameter(2, keys.stream().map(requestHashes::get).toArray(String[]::new))
                .setParameter(3, clock.instant())
                .getResultList();
        keys.removeAll(claimed);
        if (keys.isEmpty()) {
            return claims;
        }
        List<Object[]> rows = em.createNativeQuery("select key, request_hash, status, cast(response as text), commenter_id"
                        + " from idempotency_key where key = any(cast(?1 as text[]))")
                .setParameter(1, keys.toArray(String[]::new)).getResultList();
        for (Object[] row : rows) {
            String key = (String) row[0];
            if (!requestHashes.get(key).equals(row[1])) {
                claims.reused().add(key);
            } else {
                claims.retries().put(key, new Stored(((Number) row[2]).intValue(), (String) row[3],
                        row[4] == null ? null : ((Number) row[4]).longValue()));
            }
        }
        return claims;
    }

    /** Stores the answers (key → answer) of the requests that claimed the keys. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Map<String, Stored> answers) {
        if (answers.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(answers.keySet());
        em.createNativeQuery("""
                        update idempotency_key set status = t.status, response = cast(t.body as jsonb), commenter_id = t.commenter
                        from unnest(cast(?1 as text[]), cast(?2 as int[]), cast(?3 as text[]), cast(?4 as bigint[]))
                            as t(key, status, body, commenter)
                        where idempotency_key.key = t.key""")
                .setParameter(1, keys.toArray(String[]::new))
                .setParameter(2, keys.stream().map(k -> answers.get(k).status()).toArray(Integer[]::new))
                .setParameter(3, keys.stream().map(k -> answers.get(k).body()).toArray(String[]::new))
                .setParameter(4, keys.stream().map(k -> answers.get(k).commenterId()).toArray(Long[]::new))
                .executeUpdate();
    }

    /** Gives back keys whose requests failed, so that a corrected retry may use them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(Collection<String> keys) {
        if (!keys.isEmpty()) {
            em.createNativeQuery("delete from idempotency_key where key = any(cast(?1 as text[]))")
                    .setParameter(1, keys.toArray(String[]::new)).executeUpdate();
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldKeys() {
        em.createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, clock.instant().minus(config.idempotency().retention()))
                .executeUpdate();
    }
}
