package io.parley.moderation.rules;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Moderators.decide;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule holds, refuses or spams exactly what it should, and says why. */
@QuarkusTest
class AutomaticModerationTest {

    @Inject
    Database db;

    private final String admin = AdminTokens.admin();

    @BeforeEach
    void settings() {
        settings(Map.of("approvedCommentsToTrust", 0));
    }

    private static void settings(Map<String, Object> patch) {
        io.parley.testing.Moderators.settings(patch);
    }

    private static ValidatableResponse submit(String text, String email) {
        return post("a1", comment("a1", text, guest("Reader", email)), null);
    }

    private long queued(String reasonCode) {
        return as(admin).get("/admin/v1/comments").then().statusCode(200)
                .body("items.reasons.code.flatten()", hasItem(reasonCode))
                .extract().<Number>path("items[0].id").longValue();
    }

    @Test
    void aCleanCommentFromATrustedReaderIsPublishedAtOnce() {
        submit("Thoughtful remark about the budget.", "ok@example.com").statusCode(201).body("status", equalTo("approved"));
    }

    @Test
    void firstCommentsWaitUntilTheReaderIsTrusted() {
        settings(Map.of("approvedCommentsToTrust", 1));
        long first = submit("My first comment", "new@example.com").statusCode(201).body("status", equalTo("pending"))
                .extract().<Number>path("id").longValue();
        queued("FIRST_COMMENT");
        decide(admin, first, "approve").statusCode(200);
        submit("My second comment", "NEW@example.com").statusCode(201).body("status", equalTo("approved"));
    }

    @Test
    void manualApprovalHoldsEverything() {
        settings(Map.of("manualApproval", true));
        submit("anything", "a@example.com").statusCode(201).body("status", equalTo("pending"));
        queued("MANUAL_APPROVAL");
    }

    @Test
    void manyLinksAreHeld() {
        submit("see https://a.example.com and https://b.example.com", "l@example.com").statusCode(201)
                .body("status", equalTo("pending"));
        queued("TOO_MANY_LINKS");
        submit("just https://a.example.com", "m@example.com").statusCode(201).body("status", equalTo("approved"));
    }

    @Test
    void moderationKeysHoldAndNameTheKey() {
        settings(Map.of("moderationKeys", List.of("press", "10.66.")));
        submit("WordPress is fine", "k@example.com").statusCode(201).body("status", equalTo("pending"));
        as(admin).get("/admin/v1/comments").then()
                .body("items[0].reasons[0].code", equalTo("MODERATION_KEY"))
                .body("items[0].reasons[0].term", equalTo("press"));
    }

    @Test
    void disallowedKeysAreSpamButLookPendingToTheAuthor() {
        settings(Map.of("disallowedKeys", List.of("cheap-pills.example")));
        submit("buy at cheap-pills.example now", "s@example.com").statusCode(201).body("status", equalTo("pending"));
        as(admin).get("/admin/v1/comments?status=spam").then()
                .body("items[0].reasons[0].code", equalTo("DISALLOWED_KEY"))
                .body("items[0].reasons[0].term", equalTo("cheap-pills.example"));
        // also matched on the author's email
        submit("innocent text", "seller@cheap-pills.example").statusCode(201);
        as(admin).get("/admin/v1/comments?status=spam").then().body("items.size()", equalTo(2));
    }

    @Test
    void bannedWordsAreRefusedWhateverTheDisguise() {
        settings(Map.of("bannedWords", List.of("idiot")));
        for (String text : List.of("you idiot", "you 1d10t", "you і d і о t", "you id\u200Biot", "you ÍDÍÓT")) {
            submit(text, "b@example.com").statusCode(422).body("errors[0].field", equalTo("body"));
        }
        submit("idiomatic English from Scunthorpe", "b@example.com").statusCode(201);
        assertEquals(1L, db.count("comment"));
    }

    @Test
    void suspectWordsAreHeldWithTheWord() {
        settings(Map.of("suspectWords", List.of("vaccine*")));
        submit("Vaccines again?", "v@example.com").statusCode(201).body("status", equalTo("pending"));
        as(admin).get("/admin/v1/comments").then()
                .body("items[0].reasons[0].code", equalTo("SUSPECT_WORD"))
                .body("items[0].reasons[0].term", equalTo("vaccine*"));
    }

    @Test
    void editsAreJudgedAgain() {
        settings(Map.of("suspectWords", List.of("conspiracy")));
        var posted = submit("harmless", "e@example.com").statusCode(201).body("status", equalTo("approved")).extract();
        io.parley.testing.Readers.as(posted.path("commenterToken")).body(Map.of("body", "a conspiracy!"))
                .patch("/api/v1/comments/{id}", posted.<Number>path("id").longValue()).then()
                .statusCode(200).body("status", equalTo("pending"));
        queued("SUSPECT_WORD");
    }

    @Test
    void articlesCloseAfterTheConfiguredDays() {
        settings(Map.of("closeAfterDays", 2));
        submit("early", "c@example.com").statusCode(201);
        db.scalar("update article set first_comment_at = now() - interval '3 days' where id = 'a1' returning 1");
        submit("late", "d@example.com").statusCode(403).body("title", equalTo("Comments are closed"));
    }

    @Test
    void settingsAreValidatedAuditedAndPartial() {
        as(admin).body(Map.of("holdLinkCount", -1)).put("/admin/v1/settings").then().statusCode(422)
                .body("errors[0].field", equalTo("holdLinkCount"));
        as(admin).body(Map.of("spamHoldThreshold", 0.95)).put("/admin/v1/settings").then().statusCode(422)
                .body("errors[0].field", equalTo("spamHoldThreshold"));
        as(admin).body(Map.of("bannedWords", List.of(""))).put("/admin/v1/settings").then().statusCode(422);
        as(admin).body(Map.of("unknownSetting", true)).put("/admin/v1/settings").then().statusCode(400);
        as(admin).body(Map.of("maxDepth", 3)).put("/admin/v1/settings").then().statusCode(200)
                .body("maxDepth", equalTo(3))
                .body("approvedCommentsToTrust", equalTo(0))
                .body("reportsToRequeue", equalTo(3));
        as(AdminTokens.moderator()).get("/admin/v1/settings").then().statusCode(403);
        // the setup's change and this one; refused changes are not recorded
        as(admin).get("/admin/v1/settings/history").then().statusCode(200)
                .body("action", contains("settings.update", "settings.update"))
                .body("actor", contains("root-editor", "root-editor"))
                .body("[0].detail.changed.maxDepth", equalTo(3));
    }

    @Test
    void theReasonsShowInTheAuditHistory() {
        settings(Map.of("moderationKeys", List.of("budget")));
        long id = submit("the budget", "h@example.com").statusCode(201).extract().<Number>path("id").longValue();
        as(admin).get("/admin/v1/comments/{id}", id).then()
                .body("history[0].reasons.code", contains("MODERATION_KEY"))
                .body("history[0].reasons[0].term", equalTo("budget"));
    }
}
