package io.parley.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.console.ConsoleAuthenticationMechanism;
import io.parley.moderation.rules.ModerationSettings.ModeratorAlert.AlertMode;
import io.parley.testing.AdminTokens;
import io.parley.testing.Mailbox;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The desk hears about the queue by mail: each held or reported comment at once, or a digest, each linking into the console. */
@QuarkusTest
class ModeratorMailTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String DESK = "desk@news.example";
    private static final String EDITOR = "editor@news.example";

    @Inject
    ModeratorAlerts alerts;

    @BeforeEach
    void alertAddresses() {
        Moderators.settings(Map.of("alerts", List.of(Map.of("email", DESK, "mode", "immediate"),
                Map.of("email", EDITOR, "mode", "hourly"))));
    }

    @Test
    void heldAndReportedCommentsAreAlertedAtOnce() throws Exception {
        long held = Readers.postAsGuest("ma1", "A first comment, waiting.").extract().<Number>path("id").longValue();
        Mailbox.Mail alert = Mailbox.await(DESK, m -> m.subject().startsWith("Held: Ann Reader"), PATIENCE);
        assertTrue(alert.text().contains("A first comment, waiting."));
        assertTrue(alert.text().contains("first comment"), "the reason, in words: " + alert.text());
        assertTrue(alert.link("/admin/").endsWith("/admin/?tab=pending&q=%23" + held), alert.links().toString());
        Readers.post("ma1", Readers.comment("ma1", "Another one, waiting too.", Readers.guest("Bea", "bea@example.com")), null)
                .statusCode(201);
        String session = given().redirects().follow(false).formParam("role", "moderator").post("/admin/login/dev").then()
                .statusCode(303).extract().cookie(ConsoleAuthenticationMechanism.COOKIE);
        given().urlEncodingEnabled(false).cookie(ConsoleAuthenticationMechanism.COOKIE, session).get(alert.link("/admin/").replaceFirst("^http://[^/]+", ""))
                .then().statusCode(200).body(containsString("A first comment, waiting."))
                .body(not(containsString("Another one, waiting too."))); // the link opens that comment alone

        Moderators.decide(AdminTokens.moderator(), held, "approve").statusCode(200);
        given().contentType("application/json").body(Map.of("reason", "abusive", "note", "insults the mayor"))
                .post("/api/v1/comments/{id}/flags", held).then().statusCode(204);
        Mailbox.Mail reported = Mailbox.await(DESK, m -> m.subject().startsWith("Reported:"), PATIENCE);
        assertTrue(reported.link("/admin/").contains("tab=reported"));
        assertEquals(List.of(), Mailbox.to(EDITOR), "the hourly address waits for its digest");
    }

    @Test
    void digestsGoOncePerPeriod() throws Exception {
        Readers.postAsGuest("ma2", "Waiting since a while.");
        Readers.post("ma2", Readers.comment("ma2", "Also waiting.", Readers.guest("Bea", "bea@example.com")), null).statusCode(201);
        Instant now = Instant.now();
        alerts.digest(AlertMode.HOURLY, now);
        alerts.digest(AlertMode.HOURLY, now); // another replica, the same hour
        alerts.digest(AlertMode.DAILY, now); // nobody gets daily digests
        Mailbox.Mail digest = Mailbox.await(EDITOR, PATIENCE);
        assertEquals("Moderation hourly digest: 2 waiting", digest.subject());
        assertTrue(digest.text().contains("Waiting since a while.") && digest.text().contains("Also waiting."), digest.text());
        assertTrue(digest.html().contains("2</strong> waiting"), digest.html());
        Thread.sleep(1_000);
        assertEquals(1, Mailbox.to(EDITOR).size());
    }
}
