package io.parley.identity;

import io.parley.common.ParleyConfig;
import io.parley.common.RandomTokens;
import io.parley.common.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * Opaque, revocable commenter tokens: 256 random bits handed to the browser once, stored only as
 * SHA-256 (a fast hash is enough for random secrets), looked up on every request that carries one.
 */
@ApplicationScoped
public class CommenterTokens {

    private final ParleyConfig config;
    private final Clock clock;

    CommenterTokens(ParleyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A new token and the session that will know it, not saved yet. */
    public record Issued(String token, CommenterSession session) {
    }

    /** Issues a new token for the commenter inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(Commenter commenter) {
        Issued issued = prepare(commenter);
        issued.session().persist();
        return issued.token();
    }

    /** A token for the commenter, whose session the caller saves. */
    public Issued prepare(Commenter commenter) {
        String token = RandomTokens.urlSafe(32);
        CommenterSession session = new CommenterSession();
        session.commenter = commenter;
        session.tokenHash = Sha256.of(token);
        session.createdAt = clock.instant();
        session.expiresAt = session.createdAt.plus(config.commenterTokens().ttl());
        return new Issued(token, session);
    }

    /** The commenter a live token belongs to. */
    @Transactional
    public Optional<CommenterRef> resolve(String token) {
        return CommenterSession.getEntityManager().createQuery(
                        "select new io.parley.identity.CommenterRef(c.id, c.provider) from CommenterSession s join s.commenter c"
                                + " where s.tokenHash = ?1 and s.revokedAt is null and s.expiresAt > ?2", CommenterRef.class)
                .setParameter(1, Sha256.of(token)).setParameter(2, clock.instant())
                .getResultStream().findFirst();
    }

    /** Ends a token at once (logout); unknown tokens are ignored. */
    @Transactional
    public void revoke(String token) {
        CommenterSession.update("revokedAt = ?1 where tokenHash = ?2 and revokedAt is null", clock.instant(), Sha256.of(token));
    }
}
