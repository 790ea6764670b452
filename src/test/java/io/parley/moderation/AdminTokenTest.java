package io.parley.moderation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a valid newsroom JWT with the right group opens the admin API. */
@QuarkusTest
class AdminTokenTest {

    private static final String QUEUE = "/admin/v1/comments";

    private static void refused(String token) {
        Moderators.as(token).get(QUEUE).then()
                .statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .contentType("application/problem+json");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aModeratorTokenOpensTheQueue() {
        Moderators.queue(AdminTokens.moderator(), "").statusCode(200);
        Moderators.queue(AdminTokens.admin(), "").statusCode(200);
    }

    @Test
    void noTokenIs401() {
        given().get(QUEUE).then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void expiredTokenIs401() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        refused(AdminTokens.signed(AdminTokens.claims("alice", "moderator").issuedAt(past).expiresAt(past.plusSeconds(60))));
    }

    @Test
    void notYetValidTokenIs401() {
        refused(AdminTokens.signed(AdminTokens.claims("alice", "moderator")
                .claim("nbf", Instant.now().plus(Duration.ofHours(1)).getEpochSecond())));
    }

    @Test
    void wrongIssuerIs401() {
        refused(Jwt.issuer("https://evil.example").subject("alice").groups("moderator").sign(AdminTokens.key("jwt/dev-private.pem")));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        refused(AdminTokens.claims("alice", "moderator").sign(AdminTokens.key("jwt/stranger-private.pem")));
    }

    @Test
    void unsignedTokenIs401() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64("{\"iss\":\"" + AdminTokens.ISSUER + "\",\"sub\":\"alice\",\"groups\":[\"admin\"],\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        refused(header + "." + payload + ".");
    }

    /** The classic key-confusion attack: HS256 with the RSA public key as the HMAC secret. */
    @Test
    void hmacSignedWithThePublicKeyIs401() throws Exception {
        String publicKeyPem = Files.readString(Path.of("src/test/resources/jwt/dev-public.pem"));
        refused(AdminTokens.claims("alice", "admin").signWithSecret(publicKeyPem));
    }

    @Test
    void tamperedTokenIs401() {
        String[] parts = AdminTokens.moderator().split("\\.");
        String escalated = base64("{\"iss\":\"" + AdminTokens.ISSUER + "\",\"sub\":\"alice\",\"groups\":[\"admin\"],\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        refused(parts[0] + "." + escalated + "." + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "", "eyJhbGciOiJSUzI1NiJ9..", "....."})
    void malformedTokensAre401(String token) {
        refused(token);
    }

    @Test
    void aTokenWithoutTheRoleIs403() {
        Moderators.queue(AdminTokens.signed(AdminTokens.claims("reader", "subscriber")), "").statusCode(403)
                .contentType("application/problem+json");
        Moderators.as(AdminTokens.moderator()).body("{\"closed\":true}").put("/admin/v1/articles/a1").then()
                .statusCode(403);
    }

    @Test
    void aCommenterTokenNeverOpensTheAdminApi() {
        String commenterToken = Readers.postAsGuest("a1", "hello").extract().path("commenterToken");
        given().header("Authorization", "Commenter " + commenterToken).get(QUEUE).then().statusCode(401);
        given().header("Authorization", "Bearer " + commenterToken).get(QUEUE).then().statusCode(401);
    }

    @Test
    void theModeratorIsNamedByTheTokenSubject() {
        long id = Readers.postAsGuest("a1", "to approve").extract().<Number>path("id").longValue();
        String token = AdminTokens.signed(AdminTokens.claims("moderator-bob", "moderator"));
        Moderators.decide(token, id, "approve").statusCode(200);
        Moderators.as(token).get("/admin/v1/comments/{id}", id).then().statusCode(200)
                .body("history[-1].actor", equalTo("moderator-bob"))
                .body("history[-1].actorKind", equalTo("moderator"));
    }

    @Test
    void groupsMayHoldSeveralRoles() {
        Moderators.queue(AdminTokens.signed(AdminTokens.claims("carol", "subscriber", "moderator")), "").statusCode(200);
        Set.of("moderator", "admin").forEach(role -> Moderators.queue(
                AdminTokens.signed(AdminTokens.claims("dave", role)), "status=approved").statusCode(200));
    }
}
