package io.parley;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.parley.common.db.EmbeddedDatabase;
import io.parley.testing.AdminTokens;
import io.parley.testing.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas on one PostgreSQL behave as one service: what one accepts the other moderates,
 * settings, flood limits and idempotency hold across both, and a decision on one replica reaches
 * the other's cached thread pages through PostgreSQL's NOTIFY, long before their 5 s lifetime ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    private EmbeddedPostgres postgres;
    private PackagedService a;
    private PackagedService b;

    @BeforeAll
    void startTwoReplicas() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("parley-shared-db"), false);
        Map<String, String> db = EmbeddedDatabase.connectionProperties(postgres);
        String url = db.get(EmbeddedDatabase.URL_KEY);
        a = PackagedService.on(url, "postgres", "postgres", "-Dquarkus.shutdown.delay=0s").start();
        b = PackagedService.on(url, "postgres", "postgres", "-Dquarkus.shutdown.delay=0s").start();
    }

    @AfterAll
    void stop() throws Exception {
        a.close();
        b.close();
        postgres.close();
    }

    private static Map<String, Object> comment(String text, String email) {
        return Map.of("body", text, "articleUrl", "http://localhost:8080/news/shared",
                "author", Map.of("name", "Reader", "email", email));
    }

    @Test
    void whatOneReplicaAcceptsTheOtherModeratesAndServes() throws InterruptedException {
        long id = a.http().body(comment("posted on A", "one@example.com")).post("/api/v1/articles/shared/comments")
                .then().statusCode(201).body("status", equalTo("pending")).extract().<Number>path("id").longValue();
        a.http().get("/api/v1/articles/shared/comments").then().statusCode(200); // now in A's cache, without it
        b.http().header("Authorization", "Bearer " + AdminTokens.moderator())
                .body(Map.of("action", "approve")).post("/admin/v1/comments/{id}/decisions", id).then().statusCode(200);
        long approved = System.nanoTime();

        while (!a.http().get("/api/v1/articles/shared/comments").then().statusCode(200).extract()
                .<List<Number>>path("comments.id").stream().anyMatch(c -> c.longValue() == id)) {
            Thread.sleep(5);
        }
        long millis = (System.nanoTime() - approved) / 1_000_000;
        System.out.println("A served the decision made on B after " + millis + " ms");
        org.junit.jupiter.api.Assertions.assertTrue(millis < 1_000, "A's cache was dropped by notification, not by expiry: " + millis + " ms");
    }

    @Test
    void settingsChangedOnOneApplyOnTheOtherAtTheNextComment() {
        b.http().header("Authorization", "Bearer " + AdminTokens.admin())
                .body(Map.of("moderationKeys", List.of("replicated-key"), "floodIntervalSeconds", 0)).put("/admin/v1/settings")
                .then().statusCode(200);
        long id = a.http().body(comment("a replicated-key here", "two@example.com")).post("/api/v1/articles/shared/comments")
                .then().statusCode(201).extract().<Number>path("id").longValue();
        a.http().header("Authorization", "Bearer " + AdminTokens.moderator()).get("/admin/v1/comments/{id}", id).then()
                .body("reasons.code", hasItem("MODERATION_KEY"));
    }

    @Test
    void floodLimitsHoldAcrossReplicas() {
        a.http().header("Authorization", "Bearer " + AdminTokens.admin()).body(Map.of("floodIntervalSeconds", 30))
                .put("/admin/v1/settings").then().statusCode(200);
        try {
            a.http().body(comment("first, on A", "fast@example.com")).post("/api/v1/articles/shared/comments").then().statusCode(201);
            b.http().body(comment("second, on B", "fast@example.com")).post("/api/v1/articles/shared/comments").then()
                    .statusCode(429);
        } finally {
            a.http().header("Authorization", "Bearer " + AdminTokens.admin()).body(Map.of("floodIntervalSeconds", 0))
                    .put("/admin/v1/settings").then().statusCode(200);
        }
    }

    @Test
    void anIdempotentRetryOnTheOtherReplicaGetsTheFirstAnswer() {
        b.http().header("Authorization", "Bearer " + AdminTokens.admin()).body(Map.of("floodIntervalSeconds", 0))
                .put("/admin/v1/settings").then().statusCode(200);
        Map<String, Object> body = comment("retried across replicas", "retry@example.com");
        int first = a.http().header("Idempotency-Key", "scale-out-1").body(body).post("/api/v1/articles/shared/comments")
                .then().statusCode(201).extract().path("id");
        b.http().header("Idempotency-Key", "scale-out-1").body(body).post("/api/v1/articles/shared/comments")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }
}
