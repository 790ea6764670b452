package io.parley.common.idempotency;

import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

    /**
     * Claims {@code key} for a request with the given fingerprint. Empty when this request is the
     * first with the key and must do the work; the stored answer when it is a retry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Stored> claim(String key, String requestHash) {
        int inserted = em.createNativeQuery("""
                        insert into idempotency_key (key, request_hash, created_at) values (?1, ?2, ?3)
                        on conflict (key) do nothing""")
                .setParameter(1, key).setParameter(2, requestHash).setParameter(3, clock.instant())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select request_hash, status, cast(response as text), commenter_id from idempotency_key where key = ?1")
                .setParameter(1, key).getResultList();
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        return Optional.of(new Stored(((Number) row[1]).intValue(), (String) row[2],
                row[3] == null ? null : ((Number) row[3]).longValue()));
    }

    /** Stores the answer of the request that claimed {@code key}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String key, int status, String body, Long commenterId) {
        em.createNativeQuery("update idempotency_key set status = ?2, response = cast(?3 as jsonb), commenter_id = ?4 where key = ?1")
                .setParameter(1, key).setParameter(2, status).setParameter(3, body).setParameter(4, commenterId)
                .executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldKeys() {
        em.createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, clock.instant().minus(config.idempotency().retention()))
                .executeUpdate();
    }
}
