package io.parley.moderation;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Moderators.decide;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditAndStatsTest {

    @Inject
    Database db;

    private final String alice = AdminTokens.moderator();
    private final String bob = AdminTokens.signed(AdminTokens.claims("bob", "moderator"));


    private static long pending(String text) {
        return postAsGuest("a1", text).extract().<Number>path("id").longValue();
    }

    @Test
    void auditFiltersByActorCommentAndTime() {
        Instant start = Instant.now().minusSeconds(1);
        long first = pending("first");
        long second = pending("second");
        decide(alice, first, "approve").statusCode(200);
        decide(bob, second, "spam").statusCode(200);
        decide(alice, second, "restore").statusCode(200);

        as(alice).get("/admin/v1/audit").then().statusCode(200)
                .body("items", hasSize(5))
                .body("items.actor", contains("alice", "bob", "alice", "system", "system"));
        as(alice).queryParam("actor", "alice").get("/admin/v1/audit").then()
                .body("items.commentId", contains((int) second, (int) first))
                .body("items.to", contains("pending", "approved"));
        as(alice).queryParam("commentId", second).get("/admin/v1/audit").then()
                .body("items.to", contains("pending", "spam", "pending"))
                .body("items[1].from", equalTo("pending"));
        as(alice).queryParam("since", start.toString()).queryParam("until", start.plus(Duration.ofHours(1)).toString())
                .get("/admin/v1/audit").then().body("items", hasSize(5));
        as(alice).queryParam("since", Instant.now().plus(Duration.ofHours(1)).toString()).get("/admin/v1/audit").then()
                .body("items", hasSize(0));
        as(alice).queryParam("since", "yesterday").get("/admin/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
    }

    @Test
    void auditPagesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            pending("c" + i);
        }
        String cursor = as(alice).queryParam("limit", 2).get("/admin/v1/audit").then()
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(alice).queryParam("limit", 2).queryParam("cursor", cursor).get("/admin/v1/audit").then()
                .body("items", hasSize(1)).body("nextCursor", nullValue());
    }

    @Test
    void statsCountTheQueueTheModeratorsAndTheWait() {
        long a = pending("a");
        long b = pending("b");
        long c = pending("c");
        pending("d");
        db.ageAll(Duration.ofMinutes(10));
        decide(alice, a, "approve").statusCode(200);
        decide(alice, b, "spam").statusCode(200);
        decide(bob, c, "reject").statusCode(200);
        decide(bob, c, "restore").statusCode(200);

        as(alice).get("/admin/v1/stats").then().statusCode(200)
                .body("queue.pending", equalTo(2))
                .body("queue.approved", equalTo(1))
                .body("queue.spam", equalTo(1))
                .body("queue.rejected", equalTo(0))
                .body("decisions.moderator", org.hamcrest.Matchers.containsInAnyOrder("alice", "bob"))
                .body("decisions.last24h", everyItem(equalTo(2)))
                .body("decisions.last7d", everyItem(equalTo(2)))
                .body("timeToFirstDecision.decided", equalTo(3))
                .body("timeToFirstDecision.medianSeconds", org.hamcrest.Matchers.both(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(600f)).and(org.hamcrest.Matchers.lessThan(700f)));
    }
}
