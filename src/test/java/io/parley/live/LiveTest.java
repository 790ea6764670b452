package io.parley.live;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.EventStream;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readers of a thread hear, as it happens, which comments became public, changed or went away, and
 * nothing about held or spam ones; moderators hear the queue move; a client that reconnects gets
 * what it missed, or is told to fetch again.
 */
@QuarkusTest
class LiveTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    Database database;

    private EventStream thread(String articleId, String... headers) {
        return EventStream.open(base.resolve("/api/v1/articles/" + articleId + "/events").toString(), headers);
    }

    private static long post(String articleId, String text, String name, Long parentId) {
        Map<String, Object> body = Readers.comment(articleId, text, Readers.guest(name, name.toLowerCase().replace(' ', '.') + "@example.com"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return Readers.post(articleId, body, null).statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void decide(long id, String action) {
        Moderators.decide(AdminTokens.moderator(), id, action).statusCode(200);
    }

    private static String thin(long id, String op, Long parentId) {
        return "{\"id\":" + id + ",\"op\":\"" + op + "\",\"parentId\":" + parentId + "}";
    }

    @Test
    void aThreadHearsWhatBecomesPublicAndNothingElse() {
        try (EventStream stream = thread("live1")) {
            var headers = stream.response().headers();
            assertTrue(headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals("no-store", headers.firstValue("Cache-Control").orElse(null));
            assertEquals("no", headers.firstValue("X-Accel-Buffering").orElse(null));
            assertEquals("ready", stream.next(SOON).name(), "a stream starts with the id to resume from");

            long first = post("live1", "Waiting for a moderator.", "Ann Reader", null);
            long spam = post("live1", "Cheap watches here.", "Sam Spammer", null);
            decide(spam, "spam");
            assertNull(stream.poll(Duration.ofSeconds(2)), "a held or spam comment is no news for readers");

            decide(first, "approve");
            assertEquals(thin(first, "published", null), stream.next("message", SOON).data());

            long reply = post("live1", "A reply, held at first.", "Bob Reader", first);
            decide(reply, "approve");
            EventStream.Event published = stream.next("message", SOON);
            assertEquals("message", published.name());
            assertEquals(thin(reply, "published", first), published.data());

            decide(reply, "reject");
            assertEquals(thin(reply, "removed", first), stream.next("message", SOON).data());
        }
    }

    @Test
    void operatorsSeeHowLongEventsTakeToReachTheStreams() {
        try (EventStream stream = thread("live-metrics")) {
            assertEquals("ready", stream.next(SOON).name());
            double before = fannedOutEvents();
            long id = post("live-metrics", "Timed on its way out.", "Ann Reader", null);
            decide(id, "approve");
            assertEquals(thin(id, "published", null), stream.next("message", SOON).data());
            assertEquals(before + 1, fannedOutEvents(), "the event's fan-out is counted and timed once");
        }
    }

    /** Events this replica has written to its streams, as Prometheus reads them. */
    private static double fannedOutEvents() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("parley_live_fanout_seconds_count{") && l.contains("kind=\"event\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aReconnectingReaderGetsWhatItMissedOrIsToldToResync() {
        long a = post("live2", "One.", "Ann Reader", null);
        long b = post("live2", "Two.", "Bob Reader", null);
        long c = post("live2", "Three.", "Cid Reader", null);
        String seen;
        try (EventStream witness = thread("live2")) {
            try (EventStream stream = thread("live2")) {
                decide(a, "approve");
                seen = stream.next("message", SOON).id();
                assertEquals(thin(a, "published", null), witness.next("message", SOON).data());
            }
            decide(b, "approve");
            decide(c, "approve");
            witness.next("message", SOON);
            witness.next("message", SOON); // both are on this replica now
        }
        try (EventStream resumed = thread("live2", "Last-Event-ID", seen)) {
            assertEquals(List.of(thin(b, "published", null), thin(c, "published", null)),
                    List.of(resumed.next("message", SOON).data(), resumed.next("message", SOON).data()));
        }
        try (EventStream unknown = thread("live2", "Last-Event-ID", "not-an-id")) {
            assertEquals("resync", unknown.next(SOON).name());
        }
    }

    @Test
    void aLostListenConnectionIsRecoveredAndStreamsResync() {
        long id = post("live3", "After the outage.", "Ann Reader", null);
        try (EventStream stream = thread("live3")) {
            assertTrue((Long) database.scalar("select count(pg_terminate_backend(pid)) from pg_stat_activity where query like 'LISTEN %'") > 0);
            // once when the connection is lost, once when listening resumes: what was sent in between is unknown
            stream.next("resync", SOON);
            stream.next("resync", SOON);
            decide(id, "approve");
            assertEquals(thin(id, "published", null), stream.next("message", SOON).data());
        }
    }

    @Test
    void moderatorsHearTheQueueMove() {
        String token = AdminTokens.moderator();
        try (EventStream queue = EventStream.open(base.resolve("/admin/v1/events").toString(), "Authorization", "Bearer " + token)) {
            long id = post("live4", "Please review me.", "Ann Reader", null);
            JsonPath held = new JsonPath(queue.next("queue", SOON).data());
            assertEquals("held", held.getString("op"));
            assertEquals(id, held.getLong("commentId"));

            Moderators.as(token).post("/admin/v1/comments/{id}/claim", id).then().statusCode(200);
            assertEquals("claimed", new JsonPath(queue.next("queue", SOON).data()).getString("op"));

            decide(id, "approve");
            JsonPath decided = new JsonPath(queue.next("queue", SOON).data());
            assertEquals("decided", decided.getString("op"));
            assertEquals("approved", decided.getString("status"));
            assertEquals("pending", decided.getString("previousStatus"));
        }
        Readers.as(null).get("/admin/v1/events").then().statusCode(401);
    }

    @Test
    void aClosedArticleHasNoStreamAndClosingEndsTheOpenOnes() {
        try (EventStream stream = thread("live5")) {
            Moderators.as(AdminTokens.admin()).body(Map.of("closed", true)).put("/admin/v1/articles/live5").then().statusCode(200);
            assertEquals("closed", stream.next("closed", SOON).name());
        }
        Readers.as(null).get("/api/v1/articles/live5/events").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Comments are closed"));
    }
}
