package io.parley.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Mailbox;
import io.parley.testing.Readers;
import io.parley.testing.WebhookReceiver;
import io.parley.testing.WebhookReceiver.Answer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as a newsroom's receiver sees them: signed so that Standard Webhooks' own library
 * verifies them, retried after a failure, stopped by 410 Gone, listed with their attempts, and
 * sent again on request with the same id.
 */
@QuarkusTest
class WebhookTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    EntityManager em;

    private WebhookReceiver receiver;

    @BeforeEach
    void receive() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + AdminTokens.admin()).contentType("application/json");
    }

    private JsonPath register(String... events) {
        return admin().body(Map.of("url", receiver.url(), "events", List.of(events), "description", "desk alerts"))
                .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    private static long held(String article, String text) {
        return Readers.postAsGuest(article, text).extract().<Number>path("id").longValue();
    }

    private static void approve(long id) {
        given().header("Authorization", "Bearer " + AdminTokens.moderator()).contentType("application/json")
                .body(Map.of("action", "approve")).post("/admin/v1/comments/{id}/decisions", id).then().statusCode(200);
    }

    @Test
    void eventsArriveSignedWithTheSecretShownOnce() throws Exception {
        JsonPath hook = register("comment.created", "comment.published");
        String secret = hook.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        admin().get("/admin/v1/webhooks/{id}", hook.getLong("id")).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("events", contains("comment.created", "comment.published"));

        long id = held("wh1", "A first comment, held for a moderator.");
        WebhookReceiver.Received created = receiver.awaitType("comment.created", PATIENCE);
        assertTrue(created.signedWith(secret), "verified by the Standard Webhooks library");
        assertFalse(created.signedWith("whsec_" + "A".repeat(32)), "a wrong secret does not verify");
        JsonPath body = JsonPath.from(created.body());
        assertEquals(id, body.getLong("data.comment.id"));
        assertEquals("pending", body.getString("data.comment.status"));
        assertEquals("A first comment, held for a moderator.", body.getString("data.comment.excerpt"));
        assertFalse(created.body().contains("ann@example.com"), "no email address leaves in a webhook");
        assertTrue(created.header("webhook-id").startsWith("evt_"));
        assertEquals("application/json", created.header("content-type"));

        approve(id);
        WebhookReceiver.Received published = receiver.awaitType("comment.published", PATIENCE);
        assertTrue(published.signedWith(secret));
        assertEquals("approved", JsonPath.from(published.body()).getString("data.comment.status"));
        assertEquals("pending", JsonPath.from(published.body()).getString("data.previousStatus"));
        Thread.sleep(500);
        assertEquals(List.of(), receiver.ofType("comment.decided"), "not subscribed");
        assertEquals(List.of(), receiver.ofType("comment.held"), "not subscribed");
    }

    @Test
    void aFailedDeliveryIsRetriedAndListedWithItsAttempts() throws Exception {
        long hook = register("comment.held").getLong("id");
        receiver.answer(Answer.status(500));
        held("wh2", "Held, and the receiver fails once.");
        receiver.await(r -> receiver.ofType("comment.held").size() == 2, PATIENCE);
        List<WebhookReceiver.Received> tries = receiver.ofType("comment.held");
        assertEquals(tries.get(0).header("webhook-id"), tries.get(1).header("webhook-id"), "a retry keeps the id");
        assertEquals(tries.get(0).body(), tries.get(1).body());

        JsonPath deliveries = awaitDelivery(hook, "succeeded");
        assertEquals(List.of(500, 204), deliveries.getList("items[0].attempts.statusCode"));
        assertEquals("answered 500", deliveries.getString("items[0].attempts[0].responseExcerpt"));
        assertEquals(tries.get(0).header("webhook-id"), deliveries.getString("items[0].webhookId"));
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        register("comment.held");
        receiver.answer(new Answer(503, Map.of("Retry-After", "3"), false));
        held("wh3", "Held while the receiver is busy.");
        receiver.await(r -> receiver.ofType("comment.held").size() == 2, PATIENCE);
        List<WebhookReceiver.Received> tries = receiver.ofType("comment.held");
        Duration between = Duration.between(tries.get(0).at(), tries.get(1).at());
        assertTrue(between.toMillis() >= 2_900, "the schedule says 0.5 s, the receiver asked for 3 s: " + between);
    }

    @Test
    void goneDisablesTheEndpoint() throws Exception {
        long hook = register("comment.created").getLong("id");
        receiver.answer(Answer.status(410));
        held("wh4", "The receiver is gone.");
        receiver.awaitType("comment.created", PATIENCE);
        awaitDisabled(hook).body("disabledReason", equalTo("The receiver answered 410 Gone."));
        awaitDelivery(hook, "failed");

        held("wh4", "Nobody hears this one.");
        Thread.sleep(1_500);
        assertEquals(1, receiver.received().size(), "no delivery after 410");

        admin().body(Map.of("enabled", true)).patch("/admin/v1/webhooks/{id}", hook).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue());
        held("wh4", "Heard again.");
        receiver.await(r -> receiver.received().size() == 2, PATIENCE);
        assertTrue(receiver.received().get(1).body().contains("Heard again."), "events while disabled are not kept for later");
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndItsOwnerTold() throws Exception {
        long hook = admin().body(Map.of("url", receiver.url(), "events", List.of("comment.created"), "ownerEmail", "ops@news.example"))
                .post("/admin/v1/webhooks").then().statusCode(201).extract().<Number>path("id").longValue();
        failingSince(hook, Duration.ofHours(25));
        receiver.answer(Answer.status(500));
        held("wh5", "The receiver has been down since yesterday.");
        awaitDisabled(hook).body("disabledReason", startsWith("Every delivery failed since"));
        Mailbox.Mail told = Mailbox.await("ops@news.example", PATIENCE);
        assertEquals("Webhook disabled: " + receiver.url(), told.subject());
        assertTrue(told.text().contains("Every delivery failed since"), told.text());
    }

    @Test
    void aDeliveryCanBeSentAgainWithTheSameId() throws Exception {
        long hook = register("comment.created").getLong("id");
        held("wh6", "Delivered, then asked for again.");
        String id = receiver.awaitType("comment.created", PATIENCE).header("webhook-id");
        long delivery = awaitDelivery(hook, "succeeded").getLong("items[0].id");
        admin().post("/admin/v1/webhooks/{id}/deliveries/{d}/redeliver", hook, delivery).then().statusCode(202)
                .body("status", equalTo("pending"));
        receiver.await(r -> receiver.received().size() == 2, PATIENCE);
        assertEquals(id, receiver.received().get(1).header("webhook-id"));
        admin().post("/admin/v1/webhooks/{id}/deliveries/{d}/redeliver", hook, 999_999).then().statusCode(404);
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneDuringTheOverlap() throws Exception {
        JsonPath hook = register("comment.created");
        String old = hook.getString("secret");
        String rotated = admin().post("/admin/v1/webhooks/{id}/secret", hook.getLong("id")).then().statusCode(200)
                .body("previousSecretUntil", not(nullValue())).extract().path("secret");
        assertFalse(old.equals(rotated));
        held("wh7", "Signed twice.");
        WebhookReceiver.Received received = receiver.awaitType("comment.created", PATIENCE);
        assertEquals(2, received.header("webhook-signature").split(" ").length);
        assertTrue(received.signedWith(old));
        assertTrue(received.signedWith(rotated));
    }

    @Test
    void registrationsAreCheckedAndAdminsOnly() {
        admin().body(Map.of("url", receiver.url(), "events", List.of("comment.liked"))).post("/admin/v1/webhooks").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("events"));
        admin().body(Map.of("url", "ftp://example.com/hook", "events", List.of("comment.created"))).post("/admin/v1/webhooks")
                .then().statusCode(422).body("errors[0].field", equalTo("url"));
        admin().body(Map.of("url", "http://no-such-host.invalid/hook", "events", List.of("comment.created")))
                .post("/admin/v1/webhooks").then().statusCode(422).body("detail", startsWith("the host no-such-host.invalid"));
        given().header("Authorization", "Bearer " + AdminTokens.moderator()).contentType("application/json")
                .body(Map.of("url", receiver.url(), "events", List.of("comment.created"))).post("/admin/v1/webhooks")
                .then().statusCode(403);
        admin().get("/admin/v1/webhooks/{id}", 424_242).then().statusCode(404).contentType("application/problem+json");
        long hook = register("comment.created").getLong("id");
        admin().delete("/admin/v1/webhooks/{id}", hook).then().statusCode(204);
        admin().get("/admin/v1/webhooks").then().statusCode(200).body("size()", equalTo(0));
    }

    private io.restassured.response.ValidatableResponse awaitDisabled(long hook) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!admin().get("/admin/v1/webhooks/{id}", hook).then().extract().<Boolean>path("enabled")) {
                return admin().get("/admin/v1/webhooks/{id}", hook).then().statusCode(200);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("webhook " + hook + " still enabled");
    }

    private JsonPath awaitDelivery(long hook, String status) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath page = admin().get("/admin/v1/webhooks/{id}/deliveries", hook).then().statusCode(200).extract().jsonPath();
            if (status.equals(page.getString("items[0].status"))) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + status + " delivery for webhook " + hook);
    }

    private void failingSince(long hook, Duration ago) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_endpoint set failing_since = now() - make_interval(secs => ?2) where id = ?1")
                .setParameter(1, hook).setParameter(2, (double) ago.toSeconds()).executeUpdate());
    }
}
