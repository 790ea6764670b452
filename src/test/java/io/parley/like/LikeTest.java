package io.parley.like;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LikeTest {

    @Inject
    Database db;

    static ValidatableResponse like(long id, String token) {
        return as(token).post("/api/v1/comments/{id}/likes", id).then();
    }

    static ValidatableResponse unlike(long id, String token) {
        return as(token).delete("/api/v1/comments/{id}/likes", id).then();
    }

    private long published(String text) {
        long id = postAsGuest("a1", text).extract().<Number>path("id").longValue();
        db.approve(id);
        return id;
    }

    @Test
    void aReaderLikesACommentOnceAndCanTakeItBack() {
        long id = published("Well argued");
        String ann = like(id, null).statusCode(200).body("likes", equalTo(1)).body("liked", equalTo(true))
                .extract().path("commenterToken");
        assertNotNull(ann, "a reader without a token gets one with their first like");
        like(id, ann).statusCode(200).body("likes", equalTo(1)).body("commenterToken", nullValue());
        String bob = like(id, null).statusCode(200).body("likes", equalTo(2)).extract().path("commenterToken");

        list("a1", ann).body("comments[0].likes", equalTo(2)).body("comments[0].liked", equalTo(true));
        unlike(id, ann).statusCode(200).body("likes", equalTo(1)).body("liked", equalTo(false));
        unlike(id, ann).statusCode(200).body("likes", equalTo(1));
        list("a1", ann).body("comments[0].liked", equalTo(false));
        list("a1", bob).body("comments[0].liked", equalTo(true)).body("comments[0].likes", equalTo(1));
        unlike(id, null).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void onlyPublishedCommentsCanBeLiked() {
        ExtractableResponse<Response> held = postAsGuest("a1", "Waiting for a moderator").extract();
        long heldId = held.<Number>path("id").longValue();
        like(heldId, null).statusCode(409).contentType("application/problem+json").body("title", equalTo("Not published"));
        like(heldId, held.path("commenterToken")).statusCode(409);

        ExtractableResponse<Response> mine = postAsGuest("a1", "I take it back").extract();
        long mineId = mine.<Number>path("id").longValue();
        db.approve(mineId);
        as(mine.path("commenterToken")).delete("/api/v1/comments/{id}", mineId).then().statusCode(204);
        like(mineId, null).statusCode(409);

        like(987654321L, null).statusCode(404).contentType("application/problem+json");
        list("a1", held.path("commenterToken")).body("comments[0].likes", nullValue()); // 0 is left out
    }

    @Test
    void aLikeLeavesTheCachedPageAloneAndItsCountShowsWithinTheCachesLifetime() throws InterruptedException {
        long id = published("Popular");
        Thread.sleep(500); // the approval's own change notification has gone by
        String etag = as(null).get("/api/v1/articles/a1/comments").then().statusCode(200)
                .body("comments[0].likes", nullValue()).extract().header("ETag"); // 0 likes are left out
        like(id, null).statusCode(200).body("likes", equalTo(1));
        Thread.sleep(1000); // long enough for a change notification to arrive, were one sent
        as(null).get("/api/v1/articles/a1/comments").then().statusCode(200)
                .header("ETag", etag).body("comments[0].likes", nullValue());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Integer shown = null;
        while (!Integer.valueOf(1).equals(shown) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            shown = as(null).get("/api/v1/articles/a1/comments").then().extract().path("comments[0].likes");
        }
        assertEquals(Integer.valueOf(1), shown, "the count shows once the cached page expires");
    }
}
