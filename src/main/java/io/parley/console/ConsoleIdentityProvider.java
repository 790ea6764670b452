package io.parley.console;

import io.parley.moderation.Actor;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A console session as a security identity: the principal is the identity provider's subject and
 * the roles are the session's, so {@code @RolesAllowed} and the audit treat it as they treat an
 * admin JWT of the same person.
 */
@ApplicationScoped
public class ConsoleIdentityProvider implements IdentityProvider<ConsoleSessionRequest> {

    /** The session behind an identity that came from the console cookie. */
    public static final String SESSION_ATTRIBUTE = "parley.console-session";

    private final ConsoleSessions sessions;

    ConsoleIdentityProvider(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<ConsoleSessionRequest> getRequestType() {
        return ConsoleSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleSessionRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.resolve(request.token)
                .map(ConsoleIdentityProvider::identityOf)
                .orElseThrow(() -> new AuthenticationFailedException("console session unknown or expired")));
    }

    private static SecurityIdentity identityOf(ConsoleSession session) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.subject))
                .addRoles(session.roleSet())
                .addAttribute(SESSION_ATTRIBUTE, session)
                .addAttribute(Actor.DISPLAY_NAME, session.name)
                .build();
    }
}
