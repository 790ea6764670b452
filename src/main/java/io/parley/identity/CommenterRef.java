package io.parley.identity;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;

/** Who is asking, as far as comments are concerned: the commenter behind a valid token. */
public record CommenterRef(long id, String provider) {

    static final String ROLE = "commenter";
    static final String PROVIDER_ATTRIBUTE = "parley.provider";

    public boolean isGuest() {
        return Commenter.GUEST.equals(provider);
    }

    /** Empty for anonymous readers and for identities that are not commenters (admin JWTs). */
    public static Optional<CommenterRef> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(ROLE)) {
            return Optional.empty();
        }
        return Optional.of(new CommenterRef(Long.parseLong(identity.getPrincipal().getName()),
                identity.getAttribute(PROVIDER_ATTRIBUTE)));
    }
}
