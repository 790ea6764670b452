package io.parley.comment;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Best first", and the order a site or an article shows when the reader picks none. */
@QuarkusTest
class ThreadOrderTest {

    @Inject
    Database db;

    private long published(String text, Duration ago, int likes) {
        long id = postAsGuest("a1", text).extract().<Number>path("id").longValue();
        db.approve(id);
        db.age(id, ago);
        for (int i = 0; i < likes; i++) {
            as(null).post("/api/v1/comments/{id}/likes", id).then().statusCode(200);
        }
        return id;
    }

    private static io.restassured.response.ValidatableResponse page(String sort, int limit, String cursor) {
        var request = as(null).queryParam("limit", limit);
        if (sort != null) {
            request.queryParam("sort", sort);
        }
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/articles/a1/comments").then().statusCode(200);
    }

    @Test
    void bestPutsLikedCommentsFirstButAnEarlyCommentDoesNotWinForever() {
        long old = published("day-old and liked", Duration.ofHours(30), 9);   // ranks as if 30 - 12.5 h old
        long liked = published("liked", Duration.ofHours(5), 10);              // ranks as if 5 - 13 h old: ahead of the rest
        long plain = published("an hour old", Duration.ofHours(1), 0);
        long fresh = published("just now", Duration.ZERO, 0);

        page("best", 10, null).body("sort", equalTo("best"))
                .body("comments.id", contains((int) liked, (int) fresh, (int) plain, (int) old))
                .body("comments.likes", contains(10, null, null, 9)); // 0 is left out
        // pages in best order join up without gaps or repeats
        String cursor = page("best", 3, null).body("comments.id", contains((int) liked, (int) fresh, (int) plain))
                .extract().path("nextCursor");
        page("best", 3, cursor).body("comments.id", contains((int) old));
        page("oldest", 10, null).body("comments.id", contains((int) old, (int) liked, (int) plain, (int) fresh));
    }

    @Test
    void theSiteAndEachArticleChooseTheOrderReadersSeeFirst() {
        long first = published("first", Duration.ofMinutes(10), 0);
        long second = published("second", Duration.ofMinutes(5), 3);
        page(null, 10, null).body("sort", equalTo("oldest")).body("comments.id", contains((int) first, (int) second));

        Moderators.settings(Map.of("defaultSort", "best"));
        awaitSort("best", (int) second, (int) first);

        Moderators.as(AdminTokens.admin()).body(Map.of("defaultSort", "oldest")).put("/admin/v1/articles/a1").then()
                .statusCode(200).body("defaultSort", equalTo("oldest"));
        awaitSort("oldest", (int) first, (int) second);
        Moderators.as(AdminTokens.admin()).body(Map.of("defaultSort", "site")).put("/admin/v1/articles/a1").then()
                .statusCode(200).body("defaultSort", equalTo("site"));
        awaitSort("best", (int) second, (int) first);

        Moderators.as(AdminTokens.admin()).body(Map.of("defaultSort", "loudest")).put("/admin/v1/settings").then()
                .statusCode(422).contentType("application/problem+json");
        as(null).queryParam("sort", "loudest").get("/api/v1/articles/a1/comments").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
    }

    /** A change reaches this replica's cached pages by the database's notification, or within their lifetime. */
    private void awaitSort(String sort, int... ids) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!sort.equals(page(null, 10, null).extract().path("sort")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        page(null, 10, null).body("sort", equalTo(sort)).body("comments.id", contains(java.util.Arrays.stream(ids).boxed().toArray()));
    }
}
