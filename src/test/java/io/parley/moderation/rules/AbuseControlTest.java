package io.parley.moderation.rules;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bans, flood control, duplicates and readers' reports. */
@QuarkusTest
class AbuseControlTest {

    @Inject
    Database db;

    private final String admin = AdminTokens.admin();

    @BeforeEach
    void settings() {
        io.parley.testing.Moderators.settings(Map.of("approvedCommentsToTrust", 0, "holdLinkCount", 0));
    }

    private static io.restassured.response.ValidatableResponse submit(String text, String email) {
        return post("a1", comment("a1", text, guest("Reader", email)), null);
    }

    private long ban(String kind, String value, String expiresAt) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "value", value, "reason", "abuse"));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        return as(admin).body(body).post("/admin/v1/bans").then().statusCode(201)
                .body("active", equalTo(expiresAt == null || Instant.parse(expiresAt).isAfter(Instant.now())))
                .extract().<Number>path("id").longValue();
    }

    @Test
    void bannedEmailsAreRefusedNeutrally() {
        ban("email", "Troll@Example.com", null);
        submit("hello", "troll@example.com").statusCode(403).body("detail", equalTo("You cannot comment here."));
        submit("hello", "friend@example.com").statusCode(201);
    }

    @Test
    void bannedNetworksAreRefused() {
        long id = ban("ip", "127.0.0.0/8", null);
        submit("hello", "a@example.com").statusCode(403);
        as(admin).delete("/admin/v1/bans/{id}", id).then().statusCode(204);
        submit("hello again", "a@example.com").statusCode(201);
    }

    @Test
    void bannedCommentersLoseTheirSessionAtOnce() {
        var posted = submit("first", "c@example.com").statusCode(201).extract();
        long commenterId = ((Number) db.scalar("select commenter_id from comment where id = ?1",
                posted.<Number>path("id").longValue())).longValue();
        ban("commenter", Long.toString(commenterId), null);
        given().header("Authorization", "Commenter " + posted.path("commenterToken")).get("/api/v1/articles/a1/comments")
                .then().statusCode(401);
    }

    @Test
    void anExpiredBanNoLongerApplies() {
        ban("email", "past@example.com", "2020-01-01T00:00:00Z");
        submit("I am back", "past@example.com").statusCode(201);
        as(admin).get("/admin/v1/bans").then().body("[0].active", equalTo(false));
    }

    @Test
    void banRequestsAreValidated() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("kind", "ip", "value", "example.com"),
                Map.of("kind", "ip", "value", "10.0.0.0/33"), Map.of("kind", "email", "value", "nope"),
                Map.of("kind", "commenter", "value", "abc"))) {
            as(admin).body(bad).post("/admin/v1/bans").then().statusCode(422).body("errors[0].field", equalTo("value"));
        }
        as(admin).body(Map.of("kind", "planet", "value", "x")).post("/admin/v1/bans").then().statusCode(400);
        as(AdminTokens.moderator()).get("/admin/v1/bans").then().statusCode(403);
    }

    @Test
    void floodingGets429WithRetryAfter() {
        io.parley.testing.Moderators.settings(Map.of("floodIntervalSeconds", 15));
        submit("one", "fast@example.com").statusCode(201);
        submit("two", "fast@example.com").statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        int retryAfter = Integer.parseInt(submit("three", "other@example.com").statusCode(429).extract().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 15, "Retry-After " + retryAfter);
    }

    @Test
    void aSpoofedForwardedForHeaderDoesNotEscapeTheIpLimit() {
        io.parley.testing.Moderators.settings(Map.of("floodIntervalSeconds", 15));
        submit("one", "first@example.com").statusCode(201);
        Readers.as(null).header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.9")
                .body(comment("a1", "two", guest("Other", "second@example.com")))
                .post("/api/v1/articles/a1/comments").then().statusCode(429);
        as(admin).get("/admin/v1/comments?status=approved").then().body("items[0].author.ip", equalTo("127.0.0.1"));
    }

    @Test
    void concurrentSubmissionsFromOneReaderPassOnce() throws Exception {
        io.parley.testing.Moderators.settings(Map.of("floodIntervalSeconds", 15));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String text = "burst " + i;
                calls.add(() -> submit(text, "burst@example.com").extract().statusCode());
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(7, codes.stream().filter(c -> c == 429).count(), codes.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSameTextTwiceIsADuplicate() {
        submit("Exactly this.", "dup@example.com").statusCode(201);
        submit("Exactly this.", "DUP@example.com").statusCode(409).body("title", equalTo("Duplicate comment"));
        submit("Exactly this.", "someone-else@example.com").statusCode(201);
        post("a2", comment("a2", "Exactly this.", guest("Reader", "dup@example.com")), null).statusCode(201);
    }

    @Test
    void enoughReportsSendACommentBackToTheQueue() {
        long id = submit("controversial", "r@example.com").statusCode(201).body("status", equalTo("approved"))
                .extract().<Number>path("id").longValue();
        String[] readers = {postToken("x1@example.com"), postToken("x2@example.com"), postToken("x3@example.com")};
        report(readers[0], id).statusCode(204);
        report(readers[0], id).statusCode(204); // the same reader again counts once
        report(readers[1], id).statusCode(204);
        as(admin).get("/admin/v1/comments?status=approved&reported=true").then().body("items", hasSize(1))
                .body("items[0].flags", equalTo(2));
        list("a1", null).body("comments.id", org.hamcrest.Matchers.hasItem((int) id));
        report(readers[2], id).statusCode(204);
        list("a1", null).body("comments.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem((int) id)));
        as(admin).get("/admin/v1/comments?reported=true").then()
                .body("items[0].id", equalTo((int) id))
                .body("items[0].reasons[0].code", equalTo("REPORTED"));
        report(readers[2], 999_999).statusCode(404);
        Readers.as(readers[0]).body(Map.of("reason", "boring")).post("/api/v1/comments/{id}/flags", id).then().statusCode(400);
    }

    private String postToken(String email) {
        return submit("reader " + email, email).statusCode(201).extract().path("commenterToken");
    }

    private static io.restassured.response.ValidatableResponse report(String token, long id) {
        return Readers.as(token).body(Map.of("reason", "abusive", "note", "insults")).post("/api/v1/comments/{id}/flags", id).then();
    }
}
