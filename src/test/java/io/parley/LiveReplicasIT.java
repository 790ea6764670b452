package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.db.EmbeddedDatabase;
import io.parley.testing.AdminTokens;
import io.parley.testing.EventStream;
import io.parley.testing.PackagedService;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one PostgreSQL: a reader's stream on B hears what a moderator approves
 * on A, and the moderators' stream on B hears the decision, through PostgreSQL alone.
 */
class LiveReplicasIT {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void anApprovalOnOneReplicaReachesStreamsOnTheOther() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(Files.createTempDirectory("parley-live-db"), false)) {
            String url = EmbeddedDatabase.connectionProperties(postgres).get(EmbeddedDatabase.URL_KEY);
            try (PackagedService a = PackagedService.on(url, "postgres", "postgres").start();
                    PackagedService b = PackagedService.on(url, "postgres", "postgres").start()) {
                long id = a.http().body(Map.of("body", "Held on A.", "articleUrl", "http://localhost:8080/news/replicas",
                                "author", Map.of("name", "Reader", "email", "reader@example.com")))
                        .post("/api/v1/articles/replicas/comments").then().statusCode(201).extract().jsonPath().getLong("id");
                String base = "http://localhost:" + b.port();
                try (EventStream thread = EventStream.open(base + "/api/v1/articles/replicas/events");
                        EventStream queue = EventStream.open(base + "/admin/v1/events", "Authorization", "Bearer " + AdminTokens.moderator())) {
                    a.http().header("Authorization", "Bearer " + AdminTokens.moderator()).body(Map.of("action", "approve"))
                            .post("/admin/v1/comments/{id}/decisions", id).then().statusCode(200);
                    EventStream.Event published = thread.next("message", SOON);
                    assertEquals("{\"id\":" + id + ",\"op\":\"published\",\"parentId\":null}", published.data());
                    EventStream.Event decided = queue.next("queue", SOON);
                    assertEquals("decided", new JsonPath(decided.data()).getString("op"));
                }
            }
        }
    }
}
