package io.parley.identity;

import io.parley.common.web.SiteOrigins;
import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.oidc.OidcSession;
import io.quarkus.oidc.UserInfo;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The login popup: {@code /login} starts the provider's authorization code flow (the quarkus-oidc
 * tenant of that provider) and {@code /callback}, where the provider returns, completes it and
 * hands a commenter token to the article page. The provider session quarkus-oidc opens is closed
 * at once: the commenter token is the only session Parley keeps.
 */
@Path("/auth/{provider}")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    static final String ORIGIN_COOKIE = "parley_login_origin";
    private static final String SESSION_COOKIE = "q_session_";

    private final SocialTenants tenants;
    private final SocialAccounts accounts;
    private final SiteOrigins sites;
    private final SecurityIdentity identity;
    private final OidcSession oidcSession;

    LoginResource(SocialTenants tenants, SocialAccounts accounts, SiteOrigins sites, SecurityIdentity identity,
            OidcSession oidcSession) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.sites = sites;
        this.identity = identity;
        this.oidcSession = oidcSession;
    }

    @GET
    @Path("/login")
    @Authenticated
    @AuthorizationCodeFlow
    public Response login(@PathParam("provider") String providerId, @QueryParam("origin") String origin,
            @Context HttpServerResponse http) {
        return complete(providerId, origin, http);
    }

    /** The redirect URI registered with the provider: quarkus-oidc has checked state and exchanged the code. */
    @GET
    @Path("/callback")
    @Authenticated
    @AuthorizationCodeFlow
    public Response callback(@PathParam("provider") String providerId, @CookieParam(ORIGIN_COOKIE) String origin,
            @Context HttpServerResponse http) {
        return complete(providerId, origin, http);
    }

    private Response complete(String providerId, String origin, HttpServerResponse http) {
        oidcSession.logout().await().indefinitely();
        // the session quarkus-oidc has just opened in this response, and the origin cookie, are not kept
        http.removeCookies(SESSION_COOKIE + providerId, true);

        SocialProvider provider = SocialProvider.byId(providerId).filter(tenants::isEnabled).orElse(null);
        Optional<String> site = sites.match(origin);
        if (provider == null || site.isEmpty()) {
            return provider == null ? unknownProvider() : originRefused();
        }
        UserInfo userinfo = identity.getAttribute("userinfo");
        Optional<SocialProvider.Profile> profile = userinfo == null ? Optional.empty()
                : provider.profile(userinfo.getJsonObject());
        if (profile.isEmpty()) {
            return LoginPage.failure(401, "profile_unavailable", provider.displayName
                    + " did not tell us who you are. Close this window and try again.", site.stream().toList());
        }
        SocialAccounts.SignedIn signedIn = accounts.signIn(provider, profile.get());
        return Response.fromResponse(LoginPage.success(site.get(), provider, signedIn.commenter(), signedIn.token()))
                .cookie(expiredOriginCookie(providerId)).build();
    }

    /** Where the provider's own refusal ends (error=access_denied and the like). */
    @GET
    @Path("/error")
    public Response error(@PathParam("provider") String providerId, @QueryParam("error") String error,
            @CookieParam(ORIGIN_COOKIE) String origin) {

        String name = SocialProvider.byId(providerId).map(p -> p.displayName).orElse("The provider");
        String code = error == null || !error.matches("[a-z_]{1,64}") ? "provider_error" : error;
        String text = "access_denied".equals(code)
                ? "You did not allow Parley to use your " + name + " account, so you are not logged in. You can close this window."
                : name + " could not log you in. Close this window and try again.";
        return Response.fromResponse(LoginPage.failure(401, code, text, sites.match(origin).stream().toList()))
                .cookie(expiredOriginCookie(providerId)).build();
    }

    /**
     * Not logged in yet: on /login that means "send the reader to the provider"; anywhere else
     * (a callback without a matching login in progress, e.g. replayed) the login is over.
     */
    @ServerExceptionMapper
    Uni<Response> notLoggedIn(UnauthorizedException e, RoutingContext context) {
        String path = context.request().path();
        Optional<SocialProvider> provider = tenants.providerOf(path);
        if (provider.isEmpty()) {
            return Uni.createFrom().item(unknownProvider());
        }
        if (!path.endsWith("/login")) {
            return Uni.createFrom().item(invalidState());
        }
        Optional<String> origin = sites.match(context.request().getParam("origin"));
        if (origin.isEmpty()) {
            return Uni.createFrom().item(originRefused());
        }
        // the article page's origin waits in a cookie for the callback (the state cookie carries the rest)
        NewCookie cookie = originCookie(provider.get().id, origin.get(), 600)
                .secure(context.request().isSSL()).build();
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        return authenticator.getChallenge(context).map(challenge -> redirect(challenge, cookie));
    }

    /** quarkus-oidc's verdict on a callback: a failed code exchange has a cause, a state mismatch has none. */
    @ServerExceptionMapper
    Response notCompleted(AuthenticationCompletionException e, RoutingContext context) {
        return e.getCause() != null ? providerFailed(context) : invalidState();
    }

    @ServerExceptionMapper
    Response loginFailed(AuthenticationFailedException e, RoutingContext context) {
        return providerFailed(context);
    }

    private Response providerFailed(RoutingContext context) {
        String name = tenants.providerOf(context.request().path()).map(p -> p.displayName).orElse("The provider");
        return LoginPage.failure(401, "login_failed", name + " did not confirm your login. Close this window and try again "
                + "in a moment.", sites.all());
    }

    private Response redirect(ChallengeData challenge, NewCookie origin) {
        if (challenge.status / 100 != 3) {
            return invalidState();
        }
        Response.ResponseBuilder response = Response.status(challenge.status).header("Cache-Control", "no-store").cookie(origin);
        challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
        return response.build();
    }

    private static NewCookie.Builder originCookie(String providerId, String value, int maxAge) {
        return new NewCookie.Builder(ORIGIN_COOKIE).value(value).path(SocialTenants.AUTH_PATH + providerId).maxAge(maxAge)
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX);
    }

    private static NewCookie expiredOriginCookie(String providerId) {
        return originCookie(providerId, "", 0).build();
    }

    private Response invalidState() {
        return LoginPage.failure(400, "invalid_state", "This login has expired or was already used. Close this window "
                + "and click the icon again.", sites.all());
    }

    private static Response unknownProvider() {
        return LoginPage.failure(404, "unknown_provider", "This way of logging in is not available.", List.of());
    }

    private static Response originRefused() {
        return LoginPage.failure(403, "origin_not_allowed",
                "Logging in is only possible from the newsroom's own pages.", List.of());
    }
}
