package io.parley.console;

import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.parley.common.ParleyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Signing in to the console and out of it. {@code /admin/login/start} sends the moderator to the
 * newsroom's identity provider; {@code /admin/login/callback}, where it returns them, checks their
 * groups and opens a console session; {@code /admin/logout} ends it.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class ConsoleLoginResource {

    private static final String OIDC_SESSION_COOKIE = "q_session_console";

    private final ConsoleTenant tenant;
    private final ConsoleSessions sessions;
    private final ParleyConfig config;
    private final SecurityIdentity identity;
    private final OidcSession oidcSession;

    ConsoleLoginResource(ConsoleTenant tenant, ConsoleSessions sessions, ParleyConfig config, SecurityIdentity identity,
            OidcSession oidcSession) {
        this.tenant = tenant;
        this.sessions = sessions;
        this.config = config;
        this.identity = identity;
        this.oidcSession = oidcSession;
    }

    /** The sign-in page: the identity provider's button, and in dev mode "sign in as moderator / admin". */
    @GET
    @Path("/login")
    public Response login(@QueryParam("signedOut") String signedOut) {
        if (signedOut == null && tenant.enabled() && !devLogin()) {
            return seeOther(ConsoleTenant.LOGIN_PATH + "/start");
        }
        String message = signedOut != null ? "You are signed out." : null;
        return page(200, message);
    }

    @GET
    @Path("/login/start")
    @Authenticated
    @AuthorizationCodeFlow
    public Response start(@Context HttpServerRequest request, @Context HttpServerResponse http) {
        return signIn(request, http);
    }

    /** The redirect URI registered with the identity provider: quarkus-oidc has checked state, nonce and PKCE. */
    @GET
    @Path("/login/callback")
    @Authenticated
    @AuthorizationCodeFlow
    public Response callback(@Context HttpServerRequest request, @Context HttpServerResponse http) {
        return signIn(request, http);
    }

    /** Where the identity provider's own refusal ends (error=access_denied and the like). */
    @GET
    @Path("/login/error")
    public Response error(@QueryParam("error") String error) {
        return page(401, "The identity provider did not sign you in" + ("access_denied".equals(error) ? " (access denied)." : "."));
    }

    /** Dev mode only: a moderator or an admin without an identity provider. */
    @POST
    @Path("/login/dev")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response devSignIn(@FormParam("role") String role, @Context HttpServerRequest request) {
        if (!devLogin() || !ConsoleSessions.CONSOLE_ROLES.contains(role)) {
            return page(404, "There is no such way to sign in.");
        }
        Set<String> roles = role.equals("admin") ? Set.of("admin", "moderator") : Set.of("moderator");
        ConsoleSessions.Opened opened = sessions.open("dev-" + role, "Dev " + role.substring(0, 1).toUpperCase() + role.substring(1),
                null, roles);
        return signedIn(opened, request.isSSL());
    }

    @POST
    @Path("/logout")
    public Response logout(@CookieParam(ConsoleAuthenticationMechanism.COOKIE) String token, @Context HttpServerRequest request) {
        if (token != null) {
            sessions.close(token);
        }
        return Response.noContent().cookie(sessionCookie("", 0, request.isSSL())).build();
    }

    private Response signIn(HttpServerRequest request, HttpServerResponse http) {
        // the identity provider's session ends here: the console session is the only one kept
        oidcSession.logout().await().indefinitely();
        http.removeCookies(OIDC_SESSION_COOKIE, true);
        JsonWebToken idToken = identity.getCredential(IdTokenCredential.class) == null ? null
                : identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        Set<String> groups = new HashSet<>(identity.getRoles());
        if (idToken == null || groups.stream().noneMatch(ConsoleSessions.CONSOLE_ROLES::contains)) {
            return page(403, "Your account is not allowed to moderate. Ask an administrator of the newsroom's identity provider "
                    + "to add you to the moderator or admin group.");
        }
        String name = idToken.getClaim("name");
        String email = idToken.getClaim("email");
        ConsoleSessions.Opened opened = sessions.open(idToken.getSubject(), name != null ? name : idToken.getName(), email, groups);
        return signedIn(opened, request.isSSL());
    }

    private Response signedIn(ConsoleSessions.Opened opened, boolean secure) {
        return Response.seeOther(URI.create("/admin/")).header("Cache-Control", "no-store")
                .cookie(sessionCookie(opened.token(), (int) config.console().sessionTtl().toSeconds(), secure)).build();
    }

    private static NewCookie sessionCookie(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(ConsoleAuthenticationMechanism.COOKIE).value(value).path(ConsoleAuthenticationMechanism.PATH)
                .maxAge(maxAge).httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }

    /** Not signed in at the identity provider yet: send the moderator there. */
    @ServerExceptionMapper
    Uni<Response> notSignedIn(UnauthorizedException e, RoutingContext context) {
        if (!tenant.enabled() || !context.request().path().startsWith(ConsoleTenant.LOGIN_PATH + "/start")) {
            return Uni.createFrom().item(page(400, "This sign-in has expired or was already used. Sign in again."));
        }
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        return authenticator.getChallenge(context).map(challenge -> {
            Response.ResponseBuilder response = Response.status(challenge.status).header("Cache-Control", "no-store");
            challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }

    /** quarkus-oidc's verdict on a callback: a failed code exchange or token check has a cause, a state mismatch none. */
    @ServerExceptionMapper
    Response notCompleted(AuthenticationCompletionException e) {
        return page(401, e.getCause() != null ? "The identity provider did not confirm your sign-in. Try again in a moment."
                : "This sign-in has expired or was already used. Sign in again.");
    }

    @ServerExceptionMapper
    Response failed(AuthenticationFailedException e) {
        return page(401, "The identity provider did not confirm your sign-in. Try again in a moment.");
    }

    private boolean devLogin() {
        return config.console().devLogin() && LaunchMode.current() != LaunchMode.NORMAL;
    }

    private Response page(int status, String message) {
        TemplateInstance page = ConsoleTemplates.login(message, tenant.enabled(), devLogin());
        return Response.status(status).entity(page).header("Cache-Control", "no-store").build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).header("Cache-Control", "no-store").build();
    }
}
