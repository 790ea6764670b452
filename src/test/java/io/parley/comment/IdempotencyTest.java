package io.parley.comment;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @Inject
    Database db;


    private static Response send(String key, Map<String, Object> body, String token) {
        return as(token).header("Idempotency-Key", key).body(body).post("/api/v1/articles/a1/comments");
    }

    @Test
    void aRetryGetsTheFirstAnswerAndCreatesNothing() {
        Map<String, Object> body = comment("a1", "Posted over a flaky train connection", guest("Ann", "ann@example.com"));
        Response first = send("key-1", body, null);
        first.then().statusCode(201);
        Response retry = send("key-1", body, null);
        retry.then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id")))
                .body("createdAt", equalTo(first.path("createdAt")))
                .body("html", equalTo(first.path("html")))
                .body("commenterToken", notNullValue());
        assertEquals(1L, db.count("comment"));
        // the retry's token is as good as the first: both show the author their pending comment
        for (Response answer : List.of(first, retry)) {
            io.parley.testing.Readers.list("a1", answer.path("commenterToken")).body("comments.size()", equalTo(1));
        }
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        send("key-2", comment("a1", "one", guest("Ann", "ann@example.com")), null).then().statusCode(201);
        send("key-2", comment("a1", "two", guest("Ann", "ann@example.com")), null).then()
                .statusCode(422).contentType("application/problem+json");
        assertEquals(1L, db.count("comment"));
    }

    @Test
    void aKeyBelongsToItsCaller() {
        String token = send("key-3", comment("a1", "mine", guest("Ann", "ann@example.com")), null).path("commenterToken");
        // the same key and body from a different caller is a different request
        send("key-3", comment("a1", "mine", guest("Ann", "ann@example.com")), token).then().statusCode(422);
    }

    @Test
    void concurrentRetriesCreateOneComment() throws Exception {
        Map<String, Object> body = comment("a1", "double-clicked Post Comment", guest("Ann", "ann@example.com"));
        int clients = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(() -> send("key-4", body, null));
            }
            Set<Object> ids = new HashSet<>();
            for (Future<Response> answer : pool.invokeAll(calls)) {
                answer.get().then().statusCode(201);
                ids.add(answer.get().path("id"));
            }
            assertEquals(1, ids.size(), "every answer names the same comment");
        } finally {
            pool.shutdown();
        }
        assertEquals(1L, db.count("comment"));
        assertEquals(1L, db.count("moderation_event"));
    }

    @Test
    void withoutAKeyARepeatIsRefusedAsADuplicate() {
        Map<String, Object> body = comment("a1", "same text", guest("Ann", "ann@example.com"));
        as(null).body(body).post("/api/v1/articles/a1/comments").then().statusCode(201);
        as(null).body(body).post("/api/v1/articles/a1/comments").then().statusCode(409)
                .body("title", org.hamcrest.Matchers.equalTo("Duplicate comment"));
        assertEquals(1L, db.count("comment"));
    }
}
