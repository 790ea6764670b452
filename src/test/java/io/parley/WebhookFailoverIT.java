package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.db.EmbeddedDatabase;
import io.parley.testing.AdminTokens;
import io.parley.testing.PackagedService;
import io.parley.testing.WebhookReceiver;
import io.parley.testing.WebhookReceiver.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A replica that dies after the change committed but before its receiver acknowledged the event
 * loses nothing: the other replica's worker delivers it, with the same webhook-id.
 */
class WebhookFailoverIT {

    private static final String[] OPTIONS = {"-Dquarkus.shutdown.delay=0s", "-Dparley.webhooks.allow-private-networks=true",
            "-Dparley.webhooks.timeout=PT3S"};

    @Test
    void aKilledReplicasDeliveryIsMadeByTheOther() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(Files.createTempDirectory("parley-failover-db"), false);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String url = EmbeddedDatabase.connectionProperties(postgres).get(EmbeddedDatabase.URL_KEY);
            receiver.answer(new Answer(204, Map.of(), true)); // A's attempt gets no answer: A dies waiting for it
            try (PackagedService b = PackagedService.on(url, "postgres", "postgres", OPTIONS)) {
                try (PackagedService a = PackagedService.on(url, "postgres", "postgres", OPTIONS).start()) {
                    var registered = a.http().header("Authorization", "Bearer " + AdminTokens.admin())
                            .body(Map.of("url", receiver.url(), "events", List.of("comment.created")))
                            .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath();
                    long hook = registered.getLong("id");
                    a.http().body(Map.of("body", "Committed on A.", "articleUrl", "http://localhost:8080/news/failover",
                                    "author", Map.of("name", "Reader", "email", "reader@example.com")))
                            .post("/api/v1/articles/failover/comments").then().statusCode(201);
                    WebhookReceiver.Received first = receiver.awaitType("comment.created", Duration.ofSeconds(20));

                    a.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9 in the middle of the attempt
                    b.start();
                    WebhookReceiver.Received second = receiver.await(r -> receiver.received().size() == 2, Duration.ofSeconds(60));
                    assertEquals(first.header("webhook-id"), second.header("webhook-id"), "the same event, for the receiver to drop if it had it");
                    assertEquals(first.body(), second.body());

                    List<Integer> codes = b.http().header("Authorization", "Bearer " + AdminTokens.admin())
                            .get("/admin/v1/webhooks/{id}/deliveries", hook).then().statusCode(200)
                            .body("items[0].status", org.hamcrest.Matchers.equalTo("succeeded"))
                            .extract().path("items[0].attempts.statusCode");
                    assertEquals(List.of(204), codes, "A never recorded its attempt; B's is the one on record");
                    assertTrue(second.signedWith(registered.getString("secret")));
                }
            }
        }
    }
}
