package io.parley.comment;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.post;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EditDeleteTest {

    @Inject
    Database db;

    private long id;
    private String token;

    @BeforeEach
    void postAComment() {
        ExtractableResponse<Response> posted = postAsGuest("a1", "Teh first draft").extract();
        id = posted.<Number>path("id").longValue();
        token = posted.path("commenterToken");
    }

    @Test
    void authorCorrectsTheirCommentWithinTheWindow() {
        as(token).body(Map.of("body", "The *fixed* <em>draft</em>")).patch("/api/v1/comments/{id}", id).then()
                .statusCode(200)
                .body("html", equalTo("The *fixed* <em>draft</em>"))
                .body("editedAt", notNullValue());
        list("a1", token).body("comments[0].html", equalTo("The *fixed* <em>draft</em>"));
    }

    @Test
    void onlyTheAuthorMayChangeAComment() {
        String stranger = postAsGuest("a1", "someone else").extract().path("commenterToken");
        as(stranger).body(Map.of("body", "hijacked")).patch("/api/v1/comments/{id}", id).then()
                .statusCode(403).contentType("application/problem+json");
        as(stranger).delete("/api/v1/comments/{id}", id).then().statusCode(403);
        as(null).body(Map.of("body", "anonymous")).patch("/api/v1/comments/{id}", id).then()
                .statusCode(401).header("WWW-Authenticate", "Commenter");
        list("a1", token).body("comments[0].html", equalTo("Teh first draft"));
    }

    @Test
    void theEditWindowCloses() {
        db.age(id, Duration.ofMinutes(11));
        as(token).body(Map.of("body", "too late")).patch("/api/v1/comments/{id}", id).then()
                .statusCode(403).body("title", equalTo("Edit window closed"));
        as(token).delete("/api/v1/comments/{id}", id).then().statusCode(403);
    }

    @Test
    void anEditIsSanitisedAndValidatedLikeANewComment() {
        as(token).body(Map.of("body", "<script>x()</script>")).patch("/api/v1/comments/{id}", id).then()
                .statusCode(422).body("errors[0].field", equalTo("body"));
        as(token).body(Map.of("body", "ok", "status", "approved")).patch("/api/v1/comments/{id}", id).then()
                .statusCode(400);
        list("a1", token).body("comments[0].html", equalTo("Teh first draft")).body("comments[0].status", equalTo("pending"));
    }

    @Test
    void deletedCommentDisappearsUnlessItHasReplies() {
        as(token).delete("/api/v1/comments/{id}", id).then().statusCode(204);
        list("a1", token).body("comments", empty());
        as(token).delete("/api/v1/comments/{id}", id).then().statusCode(404);
    }

    @Test
    void deletedCommentWithRepliesStaysAsAPlaceholder() {
        db.approve(id);
        Map<String, Object> reply = comment("a1", "I agree", guest("Bob", "bob@example.com"));
        reply.put("parentId", id);
        long replyId = post("a1", reply, null).statusCode(201).extract().<Number>path("id").longValue();
        db.approve(replyId);

        as(token).delete("/api/v1/comments/{id}", id).then().statusCode(204);
        list("a1", null)
                .body("comments.status", contains("deleted", "approved"))
                .body("comments[0].html", nullValue())
                .body("comments[0].author", nullValue())
                .body("total", equalTo(1));
    }
}
