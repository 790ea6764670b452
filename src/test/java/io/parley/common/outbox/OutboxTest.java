package io.parley.common.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Readers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
    EntityManager em;

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    @SuppressWarnings("unchecked")
    private List<String> events(String sql, Object key) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).setParameter(1, key).getResultList());
    }

    private List<String> ofComment(long id) {
        return events("select type from outbox_event where comment_id = ?1 order by id", id);
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

        String report = events("select data::text from outbox_event where comment_id = ?1 and type = 'comment.reported'", id).get(0);
        assertEquals("selling things", JsonPath.from(report).getString("note"));
        assertEquals(1, JsonPath.from(report).getInt("reports"));
    }

    @Test
    void closingAnArticleIsAnEventOnce() {
        as(AdminTokens.admin()).body(Map.of("title", "Budget day", "url", Readers.SITE + "/news/ob2")).put("/admin/v1/articles/ob2")
                .then().statusCode(200);
        as(AdminTokens.admin()).body(Map.of("closed", true)).put("/admin/v1/articles/ob2").then().statusCode(200);
        as(AdminTokens.admin()).body(Map.of("closed", true)).put("/admin/v1/articles/ob2").then().statusCode(200);
        List<String> data = events("select data::text from outbox_event where article_id = ?1 and type = 'article.closed'", "ob2");
        assertEquals(1, data.size());
        assertEquals("Budget day", JsonPath.from(data.get(0)).getString("article.title"));
    }

    @Test
    void aRefusedCommentLeavesNoEvent() {
        Readers.postAsGuest("ob3", "Said once.");
        Readers.post("ob3", Readers.comment("ob3", "Said once.", Readers.guest("Ann", "ann@example.com")), null)
                .statusCode(409); // a duplicate, refused inside the writer's batch
        assertEquals(List.of("comment.created", "comment.held"),
                events("select type from outbox_event where article_id = ?1 order by id", "ob3"));
    }

    @Test
    void workersDispatchEveryEvent() throws InterruptedException {
        long id = Readers.postAsGuest("ob4", "Dispatched.").extract().<Number>path("id").longValue();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!events("select type from outbox_event where comment_id = ?1 and dispatched_at is null", id).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events of comment " + id + " still waiting");
            }
            Thread.sleep(50);
        }
    }
}
