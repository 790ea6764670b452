package io.parley.comment;

import static io.parley.testing.Readers.postAsGuest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Anonymous thread reads can be cached by browsers and CDNs, and revalidated cheaply. */
@QuarkusTest
class HttpCachingTest {


    @Test
    void anonymousReadsRevalidateWithTheirETag() {
        long id = postAsGuest("a1", "cached").extract().<Number>path("id").longValue();
        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(200);
        String etag = given().get("/api/v1/articles/a1/comments").then().statusCode(200)
                .header("ETag", notNullValue())
                .header("Cache-Control", containsString("max-age=5"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/articles/a1/comments").then()
                .statusCode(304).body(emptyString()).header("ETag", etag);

        // the reader has a published comment now, so the next one is published at once
        postAsGuest("a1", "a new comment").body("status", org.hamcrest.Matchers.equalTo("approved"));
        String changed = given().header("If-None-Match", etag).get("/api/v1/articles/a1/comments").then()
                .statusCode(200).body(containsString("a new comment")).extract().header("ETag");
        assertNotEquals(etag, changed);
    }

    @Test
    void aCachedPageIsServedAsTheFirstReadWasAndStillRefusesBadParameters() {
        long id = postAsGuest("a2", "served twice").extract().<Number>path("id").longValue();
        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(200);
        var first = given().get("/api/v1/articles/a2/comments?limit=10").then().statusCode(200).extract(); // loads and caches
        var again = given().get("/api/v1/articles/a2/comments?limit=10").then().statusCode(200).extract(); // from the cache
        assertEquals(first.body().asString(), again.body().asString());
        for (String header : new String[] {"ETag", "Cache-Control", "Vary", "Content-Type"}) {
            assertEquals(first.header(header), again.header(header), header);
        }
        String etag = again.header("ETag");
        // If-None-Match compares weakly and may list several tags
        given().header("If-None-Match", "\"other\", W/" + etag).get("/api/v1/articles/a2/comments?limit=10").then()
                .statusCode(304).header("ETag", etag).header("Cache-Control", first.header("Cache-Control"));
        given().header("If-None-Match", "\"other\"").get("/api/v1/articles/a2/comments?limit=10").then().statusCode(200);
        given().get("/api/v1/articles/a2/comments?limit=ten").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aReadersOwnViewIsNeverStoredByCaches() {
        String token = postAsGuest("a1", "mine, pending").extract().path("commenterToken");
        given().header("Authorization", "Commenter " + token).get("/api/v1/articles/a1/comments").then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("Cache-Control", containsString("private"))
                .header("ETag", nullValue())
                .body(containsString("mine, pending"));
        given().get("/api/v1/articles/a1/comments").then().body(not(containsString("mine, pending")));
    }
}
