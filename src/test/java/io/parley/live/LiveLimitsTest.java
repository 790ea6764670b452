package io.parley.live;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.parley.testing.EventStream;
import io.parley.testing.LowLimits;
import io.parley.testing.Readers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Streams are bounded: per client address (429) and per replica (503), both saying when to try
 * again; loopback (a local proxy, the operator's tools) only by the replica's limit.
 */
@QuarkusTest
@TestProfile(LowLimits.class)
class LiveLimitsTest {

    @TestHTTPResource("/api/v1/articles/limits/events")
    URI events;

    @Inject
    LiveHub hub;

    private EventStream from(String address) {
        return EventStream.open(events.toString(), "X-Forwarded-For", address);
    }

    private static io.restassured.response.ValidatableResponse refused(String address) {
        return Readers.as(null).header("X-Forwarded-For", address).get("/api/v1/articles/limits/events").then()
                .contentType("application/problem+json").header("Retry-After", notNullValue());
    }

    @Test
    void aClientAndTheReplicaHoldOnlySoManyStreams() throws InterruptedException {
        try (EventStream a1 = from("203.0.113.1"); EventStream a2 = from("203.0.113.1")) {
            refused("203.0.113.1").statusCode(429).body("title", equalTo("Too many live streams"));
            try (EventStream b1 = from("203.0.113.2")) {
                refused("203.0.113.3").statusCode(503).body("title", equalTo("Too many live streams"));
            }
        }
        awaitNoStreams();
        from("203.0.113.3").close(); // room again: answered 200
    }

    @Test
    void loopbackCountsOnlyAgainstTheReplica() throws InterruptedException {
        awaitNoStreams();
        String local = events.toString();
        try (EventStream a = EventStream.open(local); EventStream b = EventStream.open(local); EventStream c = EventStream.open(local)) {
            Readers.as(null).get("/api/v1/articles/limits/events").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue());
        }
    }

    private void awaitNoStreams() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.open() > 0 && System.nanoTime() < until) {
            Thread.sleep(50); // a closed stream is noticed when its connection closes
        }
    }
}
