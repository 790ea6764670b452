package io.parley.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** Turns a provider account into a Parley commenter, the same one on every login. */
@ApplicationScoped
public class SocialAccounts {

    private final CommenterTokens tokens;
    private final Clock clock;

    SocialAccounts(CommenterTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public record SignedIn(String token, Commenter commenter) {
    }

    /** Creates or refreshes the commenter (name and avatar follow the provider) and issues a commenter token. */
    @Transactional
    public SignedIn signIn(SocialProvider provider, SocialProvider.Profile profile) {
        // serialises first logins of one account, so two popups cannot create it twice
        Commenter.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, provider.id + ":" + profile.userId()).getSingleResult();
        Commenter commenter = Commenter.<Commenter>find("provider = ?1 and providerUserId = ?2", provider.id, profile.userId())
                .firstResult();
        Instant now = clock.instant();
        boolean created = commenter == null;
        if (created) {
            commenter = new Commenter();
            commenter.provider = provider.id;
            commenter.providerUserId = profile.userId();
            commenter.createdAt = now;
        }
        commenter.name = profile.name();
        commenter.avatarUrl = profile.avatarUrl();
        if (profile.email() != null) {
            commenter.email = profile.email();
        }
        commenter.updatedAt = now;
        if (created) {
            commenter.persist();
        }
        return new SignedIn(tokens.issue(commenter), commenter);
    }
}
