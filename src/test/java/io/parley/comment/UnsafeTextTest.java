package io.parley.comment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text that cannot be stored or shown is refused with a 400 naming the field, wherever it comes
 * from (a JSON string at any depth, a query parameter, the path) and nothing is stored; text that
 * merely looks unusual is kept exactly as sent.
 */
@QuarkusTest
class UnsafeTextTest {

    @Inject
    Database db;

    /** As JSON escapes, the way a hostile client writes them. */
    static Stream<String> unsafe() {
        return Stream.of("\\u0000", "\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0007", "\\u001b[2J", "\\r", "\\u007f", "\\u0085",
                "\\u009b", "\\ufffe", "\\uffff", "\\ufdd0", "\\ud83f\\udffe");
    }

    static Stream<Arguments> everyStringOfEveryBody() {
        String url = "\"articleUrl\":\"" + Readers.SITE + "/news/t1\"";
        return unsafe().flatMap(bad -> Stream.of(
                Arguments.of("POST", "/api/v1/articles/t1/comments", null,
                        "{\"body\":\"hi " + bad + "\"," + url + ",\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\"}}", "body"),
                Arguments.of("POST", "/api/v1/articles/t1/comments", null,
                        "{\"body\":\"hi\"," + url + ",\"author\":{\"name\":\"A" + bad + "\",\"email\":\"ann@example.com\"}}", "author.name"),
                Arguments.of("POST", "/api/v1/articles/t1/comments", null,
                        "{\"body\":\"hi\"," + url + ",\"author\":{\"name\":\"Ann\",\"email\":\"a" + bad + "@example.com\"}}", "author.email"),
                Arguments.of("POST", "/api/v1/articles/t1/comments", null, "{\"body\":\"hi\",\"articleUrl\":\"" + Readers.SITE
                        + "/" + bad + "\",\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\"}}", "articleUrl"),
                Arguments.of("POST", "/api/v1/comments/1/flags", null, "{\"reason\":\"other\",\"note\":\"" + bad + "\"}", "note"),
                Arguments.of("POST", "/admin/v1/comments/1/decisions", AdminTokens.moderator(),
                        "{\"action\":\"reject\",\"reason\":\"" + bad + "\"}", "reason"),
                Arguments.of("POST", "/admin/v1/decisions", AdminTokens.moderator(),
                        "{\"ids\":[1],\"action\":\"reject\",\"reason\":\"x" + bad + "\"}", "reason"),
                Arguments.of("PUT", "/admin/v1/settings", AdminTokens.admin(), "{\"bannedWords\":[\"ok\",\"b" + bad + "\"]}", "bannedWords[1]"),
                Arguments.of("PUT", "/admin/v1/settings", AdminTokens.admin(), "{\"disallowedKeys\":[\"" + bad + "\"]}", "disallowedKeys[0]"),
                Arguments.of("POST", "/admin/v1/bans", AdminTokens.admin(), "{\"kind\":\"email\",\"value\":\"" + bad + "@x.com\"}", "value"),
                Arguments.of("POST", "/admin/v1/bans", AdminTokens.admin(),
                        "{\"kind\":\"ip\",\"value\":\"10.0.0.1\",\"reason\":\"" + bad + "\"}", "reason"),
                Arguments.of("PUT", "/admin/v1/articles/t1", AdminTokens.admin(), "{\"title\":\"T" + bad + "\"}", "title")));
    }

    @ParameterizedTest
    @MethodSource("everyStringOfEveryBody")
    void unsafeTextInAnyBodyIsRefusedByField(String method, String path, String adminToken, String body, String field) {
        RequestSpecification request = given().contentType("application/json").body(body);
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        request.request(method, path).then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid text"))
                .body("errors[0].field", equalTo(field));
        assertNothingStored();
    }

    static Stream<Arguments> queriesAndPaths() {
        return Stream.of(
                Arguments.of("/api/v1/articles/t1/comments?cursor=%00", "cursor"),
                Arguments.of("/api/v1/articles/t1/comments?sort=new%1Best", "sort"),
                Arguments.of("/api/v1/counts?articleId=a&articleId=%ED%A0%80", "articleId"),
                Arguments.of("/api/v1/counts?articleId=%C2%85", "articleId"),
                Arguments.of("/api/v1/counts?articleId=%EF%BF%BF", "articleId"),
                Arguments.of("/api/v1/counts?articleId=%FF", "articleId"),
                Arguments.of("/api/v1/articles/t%00/comments", "path"),
                Arguments.of("/api/v1/comments/%ED%B0%80/flags", "path"),
                Arguments.of("/admin/v1/audit?actor=%00", "actor"),
                Arguments.of("/admin/v1/comments?articleId=%07", "articleId"));
    }

    @ParameterizedTest
    @MethodSource("queriesAndPaths")
    void unsafeTextInTheRequestLineIsRefusedByName(String uri, String field) {
        given().header("Authorization", "Bearer " + AdminTokens.admin()).urlEncodingEnabled(false).get(uri).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("detail", startsWith("'" + field + "'"));
    }

    @Test
    void theIdempotencyKeyIsVisibleAscii() {
        Readers.as(null).header("Idempotency-Key", "k\u00e9y")
                .body(Readers.comment("t1", "Hello.", Readers.guest("Ann", "ann@example.com")))
                .post("/api/v1/articles/t1/comments").then().statusCode(400).contentType("application/problem+json");
        assertNothingStored();
    }

    @Test
    void unusualButHarmlessTextIsStoredAndReturnedAsSent() {
        Moderators.settings(java.util.Map.of("approvedCommentsToTrust", 0));
        String name = "Zoë \u05e9\u05dc\u05d5\u05dd \ud83d\ude00\u200b";
        String body = "First line\r\nsecond line\twith a tab, \u202eRTL\u202c and \ud835\udc00.";
        long id = Readers.post("t1", Readers.comment("t1", body, Readers.guest(name, "zoe@example.com")), null)
                .statusCode(201).body("author.name", equalTo(name)).extract().<Number>path("id").longValue();
        Readers.list("t1", null).body("comments[0].author.name", equalTo(name));
        assertEquals(body.replace("\r\n", "\n"), db.scalar("select body from comment where id = ?1", id),
                "a Windows line break is stored as LF, everything else as sent");
    }

    private void assertNothingStored() {
        for (String table : List.of("comment", "ban", "comment_flag", "admin_event", "moderation_event", "commenter")) {
            assertEquals(0L, db.count(table), table);
        }
        assertEquals(0L, ((Number) db.scalar("select count(*) from article where title is not null")).longValue());
    }
}
