package io.parley.moderation;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Moderators.decide;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.AdminTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DecisionTest {

    private final String moderator = AdminTokens.moderator();


    private static long pending(String text) {
        return postAsGuest("a1", text).extract().<Number>path("id").longValue();
    }

    @Test
    void approvingPublishesAtOnce() {
        long id = pending("Insightful");
        list("a1", null).body("comments", empty());
        decide(moderator, id, "approve").statusCode(200)
                .body("status", equalTo("approved"))
                .body("version", equalTo(1))
                .body("reasons[0].code", equalTo("MODERATOR"));
        list("a1", null).body("comments.id", contains((int) id)).body("total", equalTo(1));
    }

    @Test
    void rejectingOrSpammingAnApprovedCommentHidesIt() {
        long first = pending("one");
        long second = pending("two");
        decide(moderator, first, "approve").statusCode(200);
        decide(moderator, second, "approve").statusCode(200);
        decide(moderator, first, "reject").statusCode(200).body("status", equalTo("rejected"));
        decide(moderator, second, "spam").statusCode(200).body("status", equalTo("spam"));
        list("a1", null).body("comments", empty()).body("total", equalTo(0));
    }

    @Test
    void restoreSendsBackToTheQueue() {
        long id = pending("reconsider me");
        decide(moderator, id, "spam").statusCode(200);
        as(moderator).get("/admin/v1/comments").then().body("items", empty());
        decide(moderator, id, "restore").statusCode(200).body("status", equalTo("pending"));
        as(moderator).get("/admin/v1/comments").then().body("items.id", contains((int) id));
    }

    @Test
    void deleteRemovesTheText() {
        long id = pending("personal data by mistake");
        decide(moderator, id, "delete").statusCode(200)
                .body("status", equalTo("deleted"))
                .body("body", nullValue())
                .body("html", nullValue());
        decide(moderator, id, "approve").statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aStaleVersionIs409WithTheCurrentState() {
        long id = pending("contested");
        decide(moderator, id, "approve", 0).statusCode(200).body("version", equalTo(1));
        // a second moderator still looking at version 0
        decide(AdminTokens.admin(), id, "reject", 0).statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Stale version"))
                .body("current.status", equalTo("approved"))
                .body("current.version", equalTo(1));
        list("a1", null).body("comments", hasSize(1));
        decide(AdminTokens.admin(), id, "reject", 1).statusCode(200).body("version", equalTo(2));
    }

    @Test
    void pointlessOrImpossibleDecisionsAreExplained() {
        long id = pending("already fine");
        decide(moderator, id, "restore").statusCode(409).body("title", equalTo("Nothing to change"));
        decide(moderator, id, "approve").statusCode(200);
        decide(moderator, id, "approve").statusCode(409).body("current.status", equalTo("approved"));
        decide(moderator, 999_999, "approve").statusCode(404).contentType("application/problem+json");
        as(moderator).body(Map.of("action", "promote")).post("/admin/v1/comments/{id}/decisions", id).then()
                .statusCode(400).body("errors[0].field", equalTo("action"));
        as(moderator).body(Map.of("reason", "no action")).post("/admin/v1/comments/{id}/decisions", id).then()
                .statusCode(422).body("errors[0].field", equalTo("action"));
        as(moderator).body(Map.of("action", "approve", "expectedVersion", -1)).post("/admin/v1/comments/{id}/decisions", id)
                .then().statusCode(422);
    }

    @Test
    void bulkDecisionsReportEachComment() {
        long a = pending("a");
        long b = pending("b");
        long c = pending("c");
        decide(moderator, c, "approve").statusCode(200);
        as(moderator).body(Map.of("ids", List.of(a, b, c, 424242), "action", "approve", "reason", "fine"))
                .post("/admin/v1/decisions").then()
                .statusCode(200)
                .body("results.id", contains((int) a, (int) b, (int) c, 424242))
                .body("results.status", contains(200, 200, 409, 404))
                .body("results[0].comment.status", equalTo("approved"))
                .body("results[2].problem.title", equalTo("Nothing to change"));
        list("a1", null).body("total", equalTo(3));
        as(moderator).body(Map.of("ids", List.of(), "action", "approve")).post("/admin/v1/decisions").then().statusCode(422);
    }

    @Test
    void everyChangeIsInTheHistory() {
        long id = pending("history");
        decide(moderator, id, "approve").statusCode(200);
        as(moderator).body(Map.of("action", "reject", "reason", "off-topic")).post("/admin/v1/comments/{id}/decisions", id)
                .then().statusCode(200);
        as(moderator).get("/admin/v1/comments/{id}", id).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("status", equalTo("rejected"))
                .body("author.email", equalTo("ann@example.com"))
                .body("history.actor", contains("system", "alice", "alice"))
                .body("history.to", contains("pending", "approved", "rejected"))
                .body("history[0].reasons[0].code", equalTo("FIRST_COMMENT"))
                .body("history[2].note", equalTo("off-topic"));
    }
}
