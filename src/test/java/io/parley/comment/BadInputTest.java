package io.parley.comment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Readers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a client sends, a bad request is a clear 4xx problem and changes nothing. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URI base;

    private static final String AUTHOR = "\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\"}";
    private static final String URL = "\"articleUrl\":\"" + Readers.SITE + "/news/a1\"";

    @Inject
    Database db;

    @AfterEach
    void nothingWasStored() {
        assertEquals(0L, db.count("comment"));
        assertEquals(0L, db.count("idempotency_key"));
    }

    static Stream<String> malformedBodies() {
        String base = "{\"body\":\"hi\"," + URL + "," + AUTHOR;
        return Stream.of(
                "", "null", "[]", "\"text\"", "123", "true", "{", "{\"body\":}", "{\"body\" \"x\"}", "{'body':'x'}",
                "{\"body\":\"x\",\"body\":\"y\"," + AUTHOR + "}",
                "{\"body\":[\"x\"]," + AUTHOR + "}",
                "{\"body\":{\"x\":1}," + AUTHOR + "}",
                "{\"body\":12," + AUTHOR + "}",
                "{\"body\":true," + AUTHOR + "}",
                "{\"body\":\"x\",\"author\":\"Ann\"}",
                "{\"body\":\"x\",\"author\":[]}",
                "{\"body\":\"x\",\"author\":{\"name\":1,\"email\":\"ann@example.com\"}}",
                "{\"body\":\"x\",\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"admin\":true}}",
                base + ",\"parentId\":\"1\"}",
                base + ",\"parentId\":1.5}",
                base + ",\"parentId\":99999999999999999999999999}",
                base + ",\"parentId\":-4}",
                base + ",\"notify\":\"yes\"}",
                base + ",\"notify\":1}",
                base + ",\"id\":5}",
                base + ",\"status\":\"approved\"}",
                base + ",\"createdAt\":\"2020-01-01T00:00:00Z\"}",
                base + ",\"approved\":true}",
                base + "} trailing",
                base + "}{\"body\":\"again\"}",
                "{\"body\":\"   \"," + URL + "," + AUTHOR + "}",
                "{\"body\":\"<script>alert(1)</script>\"," + URL + "," + AUTHOR + "}",
                "{\"body\":\"" + "x".repeat(65_526) + "\"," + URL + "," + AUTHOR + "}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"" + "n".repeat(246) + "\",\"email\":\"ann@example.com\"}}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"Ann\",\"email\":\"" + "e".repeat(90) + "@example.com\"}}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"website\":\"https://e.com/"
                        + "w".repeat(190) + "\"}}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"website\":\"ftp://e.com\"}}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"website\":\"not a url\"}}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"Ann\\u0000\",\"email\":\"ann@example.com\"}}",
                "{\"body\":\"x\"," + URL + ",\"author\":{\"name\":\"Ann\",\"email\":\"ann\"}}",
                "{\"body\":\"x\",\"articleUrl\":\"javascript:alert(1)\"," + AUTHOR + "}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"body\":\"x\",\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001));
    }

    private static RequestSpecification json() {
        return given().contentType("application/json");
    }

    private static void assertProblem(io.restassured.response.ValidatableResponse response) {
        response.statusCode(allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .contentType("application/problem+json")
                .body("status", allOf(greaterThanOrEqualTo(400), lessThan(500)))
                .body("title", org.hamcrest.Matchers.notNullValue());
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedSubmissionsAreProblems(String body) {
        assertProblem(json().body(body).post("/api/v1/articles/a1/comments").then());
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedEditsAreProblems(String body) {
        assertProblem(json().header("Authorization", "Commenter x").body(body).patch("/api/v1/comments/1").then());
    }

    @Test
    void invalidUtf8IsAProblem() {
        byte[] bytes = "{\"body\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(json().body(bytes).post("/api/v1/articles/a1/comments").then());
    }

    @Test
    void anOverlongRequestLineIsAProblem() {
        given().get("/api/v1/counts?articleId=" + "%C3%85".repeat(10_000)).then()
                .statusCode(414).contentType("application/problem+json").body("title", equalTo("URI too long"));
        given().get("/api/v1/articles/a1/comments?" + "a=b&".repeat(9_000)).then().statusCode(414)
                .contentType("application/problem+json");
    }

    @Test
    void validationNamesEveryBadField() {
        json().body("{\"body\":\"\",\"author\":{\"name\":\"\",\"email\":\"nope\",\"website\":\"ftp://x\"}}")
                .post("/api/v1/articles/a1/comments").then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("author.email", "author.name",
                        "author.website", "body"));
    }

    @Test
    void unknownFieldsAreNamed() {
        json().body("{\"body\":\"x\",\"status\":\"approved\"," + AUTHOR + "}").post("/api/v1/articles/a1/comments").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void onlyJsonIsAccepted() {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "text/html")) {
            given().contentType(type).body("body=hi").post("/api/v1/articles/a1/comments").then()
                    .statusCode(415).contentType("application/problem+json");
        }
        given().body("{\"body\":\"hi\"}".getBytes(StandardCharsets.UTF_8)).post("/api/v1/articles/a1/comments").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        String big = "{\"body\":\"" + "x".repeat(300 * 1024) + "\"}";
        json().body(big).post("/api/v1/articles/a1/comments").then()
                .statusCode(413).contentType("application/problem+json");
        // without Content-Length (chunked), whichever endpoint reads it: submitting, editing, an admin's
        // (the admin token is ignored by the reader endpoints)
        for (String[] call : List.of(new String[] {"POST", "/api/v1/articles/a1/comments"},
                new String[] {"PATCH", "/api/v1/comments/1"}, new String[] {"POST", "/admin/v1/bans"})) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(call[1]))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + AdminTokens.admin())
                    .method(call[0], HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, answer.statusCode(), call[1] + " " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), call[1]);
        }
    }

    @Test
    void badPathsAndMethodsAreProblems() {
        assertProblem(json().body("{}").put("/api/v1/articles/a1/comments").then());
        assertProblem(given().get("/api/v1/articles/bad%20id!/comments").then());
        assertProblem(given().get("/api/v1/comments/not-a-number").then());
        assertProblem(given().get("/api/v1/nothing-here").then());
        assertProblem(given().get("/api/v1/counts").then());
        assertProblem(given().header("Idempotency-Key", "").body("{}").contentType("application/json")
                .post("/api/v1/articles/a1/comments").then());
    }
}
