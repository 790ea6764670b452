package io.parley.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.LoginPopup;
import io.parley.testing.Moderators;
import io.parley.testing.ProviderStandIn;
import io.parley.testing.ProviderStandIn.Network;
import io.parley.testing.ProviderStandInResource;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SocialLoginTest {

    private static final String SITE = Readers.SITE;

    @Inject
    Database db;

    private final LoginPopup popup = new LoginPopup();

    private ProviderStandIn provider() {
        return ProviderStandInResource.standIn();
    }

    @Test
    void listsTheConfiguredProviders() {
        given().get("/auth/providers").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.contains("twitter", "facebook"))
                .body("name", org.hamcrest.Matchers.contains("Twitter", "Facebook"));
    }

    @Test
    void twitterLoginEndsWithATokenForTheArticlePageOnlyAndPostsAsThatAccount() {
        HttpResponse<String> start = popup.get(LoginPopup.loginUrl("twitter", SITE));
        String authorize = LoginPopup.location(start);
        assertTrue(authorize.startsWith(provider().baseUrl() + "/x/i/oauth2/authorize?"), authorize);
        assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("state="), authorize);

        HttpResponse<String> page = popup.follow(authorize);

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("window.opener.postMessage(message, origin)"));
        assertTrue(page.body().contains("var origins = [\"" + SITE + "\"]"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'nonce-"));
        assertEquals(java.util.List.of(), popup.cookieNames(), "the provider session is not kept");
        assertEquals(java.util.List.of(), provider().refusals());
        String token = LoginPopup.tokenIn(page.body()).orElseThrow();

        Readers.as(token).get("/auth/me").then().statusCode(200)
                .body("provider", equalTo("twitter")).body("name", equalTo("Ada Lovelace"))
                .body("avatarUrl", equalTo("https://pbs.twimg.com/profile_images/ada.png"));
        Readers.as(token).body(Readers.comment("a1", "Logged in and commenting.", null))
                .post("/api/v1/articles/a1/comments").then().statusCode(201)
                .body("author.provider", equalTo("twitter")).body("author.name", equalTo("Ada Lovelace"))
                .body("author.avatarUrl", equalTo("https://pbs.twimg.com/profile_images/ada.png"));
    }

    @Test
    void facebookLoginWorksTheSameAndKeepsTheEmailForModeratorsOnly() {
        String token = popup.login("facebook", SITE);

        Readers.as(token).get("/auth/me").then().statusCode(200)
                .body("provider", equalTo("facebook")).body("name", equalTo("Grace Hopper"))
                .body("avatarUrl", equalTo("https://graph.facebook.com/grace/picture"));
        long id = Readers.as(token).body(Readers.comment("a1", "Hello from Facebook.", null))
                .post("/api/v1/articles/a1/comments").then().statusCode(201)
                .body("author.provider", equalTo("facebook")).body("author.email", nullValue())
                .extract().jsonPath().getLong("id");
        Moderators.as(AdminTokens.moderator()).get("/admin/v1/comments/{id}", id).then().statusCode(200)
                .body("author.email", equalTo("grace@example.com"));
    }

    @Test
    void theSameAccountIsTheSameCommenterOnEveryLoginWithNameAndAvatarRefreshed() {
        String first = popup.login("twitter", SITE);
        Readers.as(first).body(Readers.comment("a1", "First comment.", null)).post("/api/v1/articles/a1/comments")
                .then().statusCode(201);
        provider().signInAs(Network.TWITTER, new ProviderStandIn.Account("1470001", "Ada King", "https://pbs.twimg.com/new.png", null));

        String second = new LoginPopup().login("twitter", SITE);

        assertFalse(first.equals(second));
        Readers.as(second).get("/auth/me").then().body("name", equalTo("Ada King")).body("avatarUrl", equalTo("https://pbs.twimg.com/new.png"));
        assertEquals(1L, db.count("commenter"));
        given().get("/api/v1/articles/a1/comments").then().statusCode(200);
    }

    @Test
    void anOriginThatIsNotOurSiteGetsNoTokenAndIsNotSentToTheProvider() {
        for (String origin : new String[] {"https://evil.example", "http://localhost:8080.evil.example", "null", null}) {
            HttpResponse<String> page = popup.get(LoginPopup.loginUrl("twitter", origin));

            assertEquals(403, page.statusCode(), String.valueOf(origin));
            assertTrue(page.body().contains("parley-login-error") && page.body().contains("origin_not_allowed"));
            assertTrue(LoginPopup.tokenIn(page.body()).isEmpty());
        }
        assertEquals(0L, db.count("commenter_session"));
    }

    @Test
    void aForgedStateIsRefusedWithoutASession() {
        String callback = LoginPopup.location(popup.get(LoginPopup.location(popup.get(LoginPopup.loginUrl("twitter", SITE)))));
        String forged = callback.replaceAll("state=[^&]+", "state=forged" + "x".repeat(30));

        assertRefused(popup.follow(forged), 400, "invalid_state");
    }

    @Test
    void aCallbackWithoutStateIsRefused() {
        String callback = LoginPopup.location(popup.get(LoginPopup.location(popup.get(LoginPopup.loginUrl("facebook", SITE)))));

        assertRefused(popup.follow(callback.replaceAll("&state=[^&]+", "")), 400, "invalid_state");
    }

    @Test
    void aReplayedCallbackIsRefused() {
        String callback = LoginPopup.location(popup.get(LoginPopup.location(popup.get(LoginPopup.loginUrl("twitter", SITE)))));
        assertEquals(200, popup.follow(callback).statusCode());

        assertRefused(popup.follow(callback), 400, "invalid_state");
        assertRefused(new LoginPopup().follow(callback), 400, "invalid_state");
        assertEquals(1L, db.count("commenter_session"));
    }

    @Test
    void aReaderWhoDeclinesAtTheProviderSeesWhyAndGetsNothing() {
        provider().refuseNextConsent(Network.TWITTER);

        HttpResponse<String> page = popup.follow(LoginPopup.loginUrl("twitter", SITE));

        assertRefused(page, 401, "access_denied");
        assertTrue(page.body().contains("You did not allow Parley to use your Twitter account"));
        assertTrue(page.body().contains("var origins = [\"" + SITE + "\"]"), "the article page learns why");
    }

    @Test
    void aFailingTokenEndpointEndsOnAnErrorPage() {
        provider().tokenEndpointDown(true);

        HttpResponse<String> page = popup.follow(LoginPopup.loginUrl("facebook", SITE));

        assertRefused(page, 401, "login_failed");
        assertTrue(page.body().contains("Facebook did not confirm your login"));
    }

    @Test
    void anUnknownProviderIsNotFound() {
        assertRefused(popup.follow(LoginPopup.loginUrl("myspace", SITE)), 404, "unknown_provider");
    }

    @Test
    void theStandInRefusesWhatTheRealProvidersRefuse() {
        String authorize = LoginPopup.location(popup.get(LoginPopup.loginUrl("twitter", SITE)));

        HttpResponse<String> wrongRedirect = popup.get(authorize.replaceAll("redirect_uri=[^&]+", "redirect_uri=http%3A%2F%2Flocalhost%3A1%2Fsteal"));
        HttpResponse<String> noPkce = popup.get(authorize.replaceAll("&code_challenge=[^&]+", ""));

        assertEquals(400, wrongRedirect.statusCode());
        assertEquals(400, noPkce.statusCode());
        assertTrue(provider().refusals().get(0).startsWith("redirect_uri is not the registered callback"));
        assertEquals("PKCE S256 challenge missing", provider().refusals().get(1));
        // and a code redeemed with another verifier than the one Parley holds is refused
        String callback = LoginPopup.location(popup.get(authorize));
        String code = callback.replaceAll(".*code=([^&]+).*", "$1");
        given().baseUri(provider().baseUrl()).formParams(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", callback.replaceAll("\\?.*", ""), "code_verifier", "x".repeat(43)))
                .auth().preemptive().basic(Network.TWITTER.clientId(), Network.TWITTER.clientSecret())
                .post("/x/2/oauth2/token").then().statusCode(400);
        assertTrue(provider().refusals().contains("code_verifier does not match the code_challenge"));
    }

    @Test
    void logoutEndsTheTokenAtOnce() {
        String token = popup.login("twitter", SITE);

        Readers.as(token).post("/auth/logout").then().statusCode(204);

        Readers.as(token).get("/auth/me").then().statusCode(401);
        Readers.as(token).body(Readers.comment("a1", "After logout.", null)).post("/api/v1/articles/a1/comments")
                .then().statusCode(401);
    }

    @Test
    void aBanEndsTheTokenAndFollowsTheAccountAcrossLogins() {
        String token = popup.login("facebook", SITE);
        long commenterId = ((Number) db.scalar("select id from commenter")).longValue();

        Moderators.as(AdminTokens.admin()).body(Map.of("kind", "commenter", "value", String.valueOf(commenterId), "reason", "abuse"))
                .post("/admin/v1/bans").then().statusCode(201);

        Readers.as(token).get("/auth/me").then().statusCode(401);
        String again = new LoginPopup().login("facebook", SITE);
        Readers.as(again).body(Readers.comment("a1", "I am back.", null)).post("/api/v1/articles/a1/comments")
                .then().statusCode(403);
    }

    @Test
    void meWithoutATokenIs401() {
        given().get("/auth/me").then().statusCode(401).header("WWW-Authenticate", "Commenter");
        given().post("/auth/logout").then().statusCode(401);
    }

    private static void assertRefused(HttpResponse<String> page, int status, String error) {
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.body().contains("\"type\":\"parley-login-error\""), page.body());
        assertTrue(page.body().contains("\"error\":\"" + error + "\""), page.body());
        assertTrue(LoginPopup.tokenIn(page.body()).isEmpty(), "no token on an error page");
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }
}
