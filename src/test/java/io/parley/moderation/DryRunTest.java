package io.parley.moderation;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An admin tries new rules on the latest comments before saving them: what would change, and nothing does. */
@QuarkusTest
class DryRunTest {

    @Inject
    Database db;

    @Test
    void proposedSettingsAreJudgedOnTheLatestCommentsWithoutChangingAnything() {
        Moderators.settings(Map.of("approvedCommentsToTrust", 0));
        Readers.postAsGuest("d1", "A thoughtful remark.");
        Readers.post("d1", Readers.comment("d1", "Buy now, this is no scam!", Readers.guest("Seller", "s@example.com")), null)
                .statusCode(201);
        Readers.post("d1", Readers.comment("d1", "Another view entirely.", Readers.guest("Bea", "b@example.com")), null)
                .statusCode(201);
        Object versionBefore = db.scalar("select version from moderation_settings");

        Moderators.as(AdminTokens.admin())
                .body(Map.of("settings", Map.of("suspectWords", List.of("scam"), "bannedWords", List.of("thoughtful"))))
                .post("/admin/v1/settings/dry-run").then().statusCode(200)
                .body("sample", equalTo(3))
                .body("current.approved", equalTo(3))
                .body("proposed.approved", equalTo(1)).body("proposed.held", equalTo(1)).body("proposed.refused", equalTo(1))
                .body("changed", equalTo(2))
                .body("examples.proposed", contains("held", "refused"))
                .body("examples[0].reasons[0].term", equalTo("scam"));

        assertEquals(versionBefore, db.scalar("select version from moderation_settings"), "the settings are not saved");
        assertEquals(3L, ((Number) db.scalar("select count(*) from comment where status = 'APPROVED'")).longValue());
        Moderators.as(AdminTokens.moderator()).body(Map.of("settings", Map.of())).post("/admin/v1/settings/dry-run").then()
                .statusCode(403);
    }
}
