package io.parley.common.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Readers;
import io.parley.testing.RecordedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every change a reader, a moderator or an editor makes is an event in the outbox, written by the
 * transaction that made the change: a refused change leaves none, and workers dispatch them all.
 */
@QuarkusTest
class OutboxTest {

    @Inject
    RecordedEvents recorded;

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    private List<String> ofComment(long id) {
        return recorded.typesOfComment(id);
    }

    private List<OutboxEvent> ofArticle(String articleId, String type) {
        return recorded.all(e -> articleId.equals(e.articleId()) && (type == null || type.equals(e.type())));
    }

    @Test
    void aCommentsLifeIsAStreamOfEvents() {
        JsonPath posted = Readers.postAsGuest("ob1", "A first comment.").extract().jsonPath();
        long id = posted.getLong("id");
        assertEquals(List.of("comment.created", "comment.held"), ofComment(id));

        as(AdminTokens.moderator()).body(Map.of("action", "approve")).post("/admin/v1/comments/{id}/decisions", id)
                .then().statusCode(200);
        as(AdminTokens.moderator()).body(Map.of("action", "approve")).post("/admin/v1/comments/{id}/decisions", id)
                .then().statusCode(409); // refused: nothing happened, no event
        assertEquals(List.of("comment.created", "comment.held", "comment.decided", "comment.published"), ofComment(id));

        given().contentType("application/json").body(Map.of("reason", "spam", "note", "selling things"))
                .post("/api/v1/comments/{id}/flags", id).then().statusCode(204);
        Readers.as(posted.getString("commenterToken")).body(Map.of("body", "A first comment, corrected."))
                .patch("/api/v1/comments/{id}", id).then().statusCode(200);
        Readers.as(posted.getString("commenterToken")).delete("/api/v1/comments/{id}", id).then().statusCode(204);
        // an edit is judged again: this author has no approved comment yet, so it waits for a moderator
        assertEquals(List.of("comment.created", "comment.held", "comment.decided", "comment.published", "comment.reported",
                "comment.edited", "comment.held", "comment.deleted"), ofComment(id));

        String report = recorded.all(e -> e.type().equals("comment.reported")).get(0).data();
        assertEquals("selling things", JsonPath.from(report).getString("note"));
        assertEquals(1, JsonPath.from(report).getInt("reports"));
    }

    @Test
    void closingAnArticleIsAnEventOnce() {
        as(AdminTokens.admin()).body(Map.of("title", "Budget day", "url", Readers.SITE + "/news/ob2")).put("/admin/v1/articles/ob2")
                .then().statusCode(200);
        as(AdminTokens.admin()).body(Map.of("closed", true)).put("/admin/v1/articles/ob2").then().statusCode(200);
        as(AdminTokens.admin()).body(Map.of("closed", true)).put("/admin/v1/articles/ob2").then().statusCode(200);
        List<OutboxEvent> closed = ofArticle("ob2", "article.closed");
        assertEquals(1, closed.size());
        assertEquals("Budget day", JsonPath.from(closed.get(0).data()).getString("article.title"));
    }

    @Test
    void aRefusedCommentLeavesNoEvent() {
        Readers.postAsGuest("ob3", "Said once.");
        Readers.post("ob3", Readers.comment("ob3", "Said once.", Readers.guest("Ann", "ann@example.com")), null)
                .statusCode(409); // a duplicate, refused inside the writer's batch
        assertEquals(List.of("comment.created", "comment.held"), ofArticle("ob3", null).stream().map(OutboxEvent::type).toList());
    }

    @Test
    void anEventLeavesTheOutboxOnceDispatched() {
        long id = Readers.postAsGuest("ob4", "Dispatched.").extract().<Number>path("id").longValue();
        assertEquals(List.of("comment.created", "comment.held"), ofComment(id)); // waits for an empty outbox
    }
}
