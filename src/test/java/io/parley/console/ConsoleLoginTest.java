package io.parley.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.NewsroomIdp;
import io.parley.testing.NewsroomIdpResource;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the console with the newsroom's OpenID Connect provider (the stand-in checks state,
 * nonce and PKCE), what a session may do and what it may not, and signing out.
 */
@QuarkusTest
class ConsoleLoginTest {

    /** A browser's cookie jar, enough for following one login. */
    private final Map<String, String> cookies = new HashMap<>();

    private Response get(String url) {
        Response response = given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(url);
        response.getCookies().forEach((name, value) -> {
            if (value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        });
        return response;
    }

    /** Follows the whole sign-in from the console's address; returns the last answer. */
    private Response signIn() {
        Response console = get("/admin/");
        assertEquals(303, console.statusCode());
        assertTrue(console.header("Location").endsWith("/admin/login"));
        Response start = get("/admin/login/start");
        assertEquals(302, start.statusCode());
        String authorize = start.header("Location");
        assertTrue(authorize.startsWith(NewsroomIdpResource.idp().issuer()), authorize);
        for (String parameter : new String[] {"state=", "nonce=", "code_challenge=", "code_challenge_method=S256", "scope=openid"}) {
            assertTrue(authorize.contains(parameter), "the authorization request carries " + parameter + ": " + authorize);
        }
        Response atProvider = given().urlEncodingEnabled(false).redirects().follow(false).get(authorize);
        assertEquals(302, atProvider.statusCode(), NewsroomIdpResource.idp().refusals().toString());
        return get(atProvider.header("Location"));
    }

    @Test
    void aModeratorSignsInThroughTheNewsroomsProvider() {
        Response callback = signIn();
        assertEquals(303, callback.statusCode());
        assertTrue(callback.header("Location").endsWith("/admin/"));
        assertNotNull(cookies.get(ConsoleAuthenticationMechanism.COOKIE));
        assertNull(cookies.get("q_session_console"), "the provider's session is not kept");
        assertTrue(NewsroomIdpResource.idp().refusals().isEmpty(), NewsroomIdpResource.idp().refusals().toString());

        Response queue = get("/admin/");
        assertEquals(200, queue.statusCode());
        assertTrue(queue.asString().contains("Mo Derator"));
        assertTrue(queue.header("Content-Security-Policy").contains("script-src 'self'"), "strict CSP");
        assertTrue(!queue.header("Content-Security-Policy").contains("unsafe-inline"));
    }

    @Test
    void someoneWithoutAModeratorGroupIsToldTheyAreNotAllowed() {
        NewsroomIdpResource.idp().signInAs(NewsroomIdp.READER);
        Response callback = signIn();
        assertEquals(403, callback.statusCode());
        assertTrue(callback.asString().contains("not allowed to moderate"));
        assertNull(cookies.get(ConsoleAuthenticationMechanism.COOKIE));
        assertEquals(303, get("/admin/").statusCode());
    }

    @Test
    void aReplayedOrForgedCallbackSignsNobodyIn() {
        Response start = get("/admin/login/start");
        Response atProvider = given().urlEncodingEnabled(false).redirects().follow(false).get(start.header("Location"));
        String callback = atProvider.header("Location");
        Matcher state = Pattern.compile("state=([^&]+)").matcher(callback);
        assertTrue(state.find());

        Map<String, String> stranger = new HashMap<>(); // the callback in another browser: no state cookie
        given().urlEncodingEnabled(false).redirects().follow(false).cookies(stranger).get(callback).then()
                .statusCode(not(equalTo(303))).header("Set-Cookie", not(containsString(ConsoleAuthenticationMechanism.COOKIE + "=")));

        assertEquals(303, get(callback).statusCode(), "the real one works once");
        cookies.remove(ConsoleAuthenticationMechanism.COOKIE);
        Response replayed = get(callback);
        assertTrue(replayed.statusCode() != 303, "a replayed callback does not sign in again");
        assertNull(cookies.get(ConsoleAuthenticationMechanism.COOKIE));
    }

    @Test
    void changesNeedTheSessionsCsrfTokenAndAreAuditedUnderTheProvidersSubject() {
        long id = Readers.postAsGuest("c1", "held for review").extract().<Number>path("id").longValue();
        signIn();
        String page = get("/admin/").asString();
        Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertTrue(meta.find());
        String csrf = meta.group(1);

        decide(id, null, null).then().statusCode(403).contentType("application/problem+json");
        decide(id, "not-the-token", null).then().statusCode(403);
        decide(id, csrf, "https://evil.example").then().statusCode(403);
        decide(id, csrf, null).then().statusCode(200).body("status", equalTo("rejected"));

        given().header("Authorization", "Bearer " + AdminTokens.moderator()).get("/admin/v1/audit?commentId=" + id).then()
                .statusCode(200).body("items[0].actor", equalTo(NewsroomIdp.MODERATOR.subject()));
    }

    @Test
    void signingOutEndsTheSessionAtOnce() {
        signIn();
        String token = cookies.get(ConsoleAuthenticationMechanism.COOKIE);
        String page = get("/admin/").asString();
        Matcher meta = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
        assertTrue(meta.find());
        given().cookies(cookies).header("X-CSRF-Token", meta.group(1)).post("/admin/logout").then().statusCode(204);

        given().redirects().follow(false).cookie(ConsoleAuthenticationMechanism.COOKIE, token).get("/admin/").then()
                .statusCode(303).header("Location", containsString("/admin/login"));
        given().cookie(ConsoleAuthenticationMechanism.COOKIE, token).get("/admin/v1/comments").then().statusCode(401);
    }

    @Test
    void devSignInIsOfferedOnlyOutsideProduction() {
        given().redirects().follow(false).formParam("role", "admin").post("/admin/login/dev").then()
                .statusCode(303).cookie(ConsoleAuthenticationMechanism.COOKIE);
        given().get("/admin/login").then().statusCode(200).body(containsString("Sign in as moderator"));
    }

    @Test
    void bearerTokensStillOpenTheAdminApiAndCommenterTokensNever() {
        given().header("Authorization", "Bearer " + AdminTokens.moderator()).get("/admin/v1/comments").then().statusCode(200);
        String commenterToken = Readers.postAsGuest("c2", "hello").extract().path("commenterToken");
        given().header("Authorization", "Commenter " + commenterToken).get("/admin/v1/comments").then().statusCode(401);
        given().redirects().follow(false).header("Authorization", "Commenter " + commenterToken).get("/admin/").then()
                .statusCode(303).header("Location", containsString("/admin/login"));
    }

    private Response decide(long id, String csrf, String origin) {
        var request = given().cookies(cookies).contentType("application/json").body(Map.of("action", "reject"));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request.post(URI.create("/admin/v1/comments/" + id + "/decisions").toString());
    }
}
