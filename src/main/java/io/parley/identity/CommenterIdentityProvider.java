package io.parley.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a commenter token into an identity with role {@code commenter}, or fails with 401. */
@ApplicationScoped
public class CommenterIdentityProvider implements IdentityProvider<CommenterTokenRequest> {

    private final CommenterTokens tokens;

    CommenterIdentityProvider(CommenterTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<CommenterTokenRequest> getRequestType() {
        return CommenterTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(CommenterTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> tokens.resolve(request.token)
                .map(CommenterIdentityProvider::identityOf)
                .orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked commenter token")));
    }

    private static SecurityIdentity identityOf(CommenterRef commenter) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Long.toString(commenter.id())))
                .addRole(CommenterRef.ROLE)
                .addAttribute(CommenterRef.PROVIDER_ATTRIBUTE, commenter.provider())
                .build();
    }
}
