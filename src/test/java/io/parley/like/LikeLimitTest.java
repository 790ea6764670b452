package io.parley.like;

import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.parley.testing.Database;
import io.parley.testing.LowLimits;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Tokens cost nothing, so a script minting one per like is stopped by its address. */
@QuarkusTest
@TestProfile(LowLimits.class)
class LikeLimitTest {

    @Inject
    Database db;

    @Test
    void oneAddressLikesOnlySoOftenWhateverTokensItSends() {
        long id = postAsGuest("a1", "Like me").extract().<Number>path("id").longValue();
        db.approve(id);
        for (int i = 0; i < 3; i++) {
            Readers.as(null).header("X-Forwarded-For", "198.51.100.7").post("/api/v1/comments/{id}/likes", id).then()
                    .statusCode(200).body("likes", equalTo(i + 1));
        }
        Readers.as(null).header("X-Forwarded-For", "198.51.100.7").post("/api/v1/comments/{id}/likes", id).then()
                .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        Readers.as(null).header("X-Forwarded-For", "198.51.100.8").post("/api/v1/comments/{id}/likes", id).then()
                .statusCode(200).body("likes", equalTo(4));
    }
}
