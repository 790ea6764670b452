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
class ConsoleCsrf {

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
            ConsoleSession session = identity.getAttribute(ConsoleIdentityProvider.SESSION_ATTRIBUTE);
            if (session == null) {
                return; // no console session after all: the endpoint's own security answers
            }
            if (!sameOrigin(request) || !matches(session.csrfToken, request.getHeader(HEADER))) {
                throw ProblemException.forbidden("Request refused", "This change did not come from the console's own page; reload it and try again.");
            }
        }).replaceWithVoid();
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
