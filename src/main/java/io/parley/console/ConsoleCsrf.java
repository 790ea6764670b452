package io.parley.console;

import io.parley.common.error.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that changes something on the strength of the console cookie must prove it comes from
 * the console's own pages: the session's CSRF token in {@code X-CSRF-Token} (which a page of another
 * origin cannot read), and no foreign {@code Origin}. Bearer-token clients are not affected.
 */
public class ConsoleCsrf {

    static final String HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final CurrentIdentityAssociation identities;

    ConsoleCsrf(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    Uni<Void> check(HttpServerRequest request) {
        if (SAFE.contains(request.method()) || request.getCookie(ConsoleAuthenticationMechanism.COOKIE) == null
                || request.getHeader("Authorization") != null || !request.path().startsWith(ConsoleAuthenticationMechanism.PATH + "/")) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().onItem().invoke(identity -> {
            if (!allows(request, identity)) {
                throw refused();
            }
        }).replaceWithVoid();
    }

    /**
     * For routes outside JAX-RS (an upload): false when a change rides on a console session without
     * the page's token, or comes from another origin. Other identities (no console session: the
     * endpoint's own security answers) are not this check's business.
     */
    public static boolean allows(HttpServerRequest request, io.quarkus.security.identity.SecurityIdentity identity) {
        ConsoleSession session = identity.getAttribute(ConsoleIdentityProvider.SESSION_ATTRIBUTE);
        return session == null || request.getHeader("Authorization") != null
                || sameOrigin(request) && matches(session.csrfToken, request.getHeader(HEADER));
    }

    public static ProblemException refused() {
        return ProblemException.forbidden("Request refused", "This change did not come from the console's own page; reload it and try again.");
    }

    private static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            var authority = request.authority();
            String self = request.scheme() + "://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
            return (uri.getScheme() + "://" + uri.getRawAuthority()).equalsIgnoreCase(self);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
