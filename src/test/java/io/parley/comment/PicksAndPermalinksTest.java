package io.parley.comment;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Editors' picks (featured, pinned) and links to one comment deep in a thread. */
@QuarkusTest
class PicksAndPermalinksTest {

    @Inject
    Database db;

    private long published(String text, Long parentId) {
        Map<String, Object> body = comment("a1", text, guest("Reader", "r@example.com"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        long id = post("a1", body, null).statusCode(201).extract().<Number>path("id").longValue();
        db.approve(id);
        return id;
    }

    private static ValidatableResponse feature(long id, Boolean pinned) {
        var request = Moderators.as(AdminTokens.moderator());
        if (pinned != null) {
            request.body(Map.of("pinned", pinned));
        }
        return request.post("/admin/v1/comments/{id}/feature", id).then();
    }

    private static ValidatableResponse page(int limit, String cursor) {
        var request = as(null).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/articles/a1/comments").then().statusCode(200);
    }

    @Test
    void anEditorFeaturesACommentAndPinsAThreadOnTop() {
        long first = published("first", null);
        long second = published("second", null);
        long third = published("third", null);
        long reply = published("a reply worth reading", first);

        feature(reply, null).statusCode(200).body("featured", equalTo(true)).body("pinned", equalTo(false));
        feature(third, true).statusCode(200).body("pinned", equalTo(true));

        // the pinned thread leads the first page in every order, above the page's own threads, and only the first page
        String cursor = page(1, null).body("comments.id", contains((int) third, (int) first, (int) reply))
                .body("comments.featured", contains(true, null, true)).body("comments.pinned", contains(true, null, null)) // false is left out
                .extract().path("nextCursor");
        page(1, cursor).body("comments.id", contains((int) second));
        as(null).queryParam("sort", "newest").get("/api/v1/articles/a1/comments").then()
                .body("comments.id", contains((int) third, (int) second, (int) first, (int) reply));
        as(null).get("/api/v1/articles/a1/picks").then().statusCode(200)
                .body("comments.id", contains((int) third, (int) reply));

        Moderators.as(AdminTokens.moderator()).delete("/admin/v1/comments/{id}/feature", third).then().statusCode(200)
                .body("featured", equalTo(false)).body("pinned", equalTo(false));
        page(10, null).body("comments.id", contains((int) first, (int) reply, (int) second, (int) third));
        as(null).get("/api/v1/articles/a1/picks").then().body("comments.id", contains((int) reply));
        Moderators.as(AdminTokens.moderator()).get("/admin/v1/audit?commentId=" + third).then().statusCode(200)
                .body("items.note", hasItem("featured and pinned")).body("items.note", hasItem("no longer featured"));
    }

    @Test
    void onlyPublishedCommentsAreFeaturedAndOnlyTopLevelOnesPinned() {
        long root = published("root", null);
        long reply = published("reply", root);
        long held = postAsGuest("a1", "held").extract().<Number>path("id").longValue();
        feature(held, null).statusCode(409).contentType("application/problem+json");
        feature(reply, true).statusCode(422).body("errors[0].field", equalTo("pinned"));
        feature(987654321L, null).statusCode(404);
        String reader = postAsGuest("a1", "reader").extract().path("commenterToken");
        as(reader).post("/admin/v1/comments/{id}/feature", root).then().statusCode(401);
        as(null).get("/api/v1/articles/a1/picks").then().statusCode(200).body("comments", empty());
    }

    @Test
    void aPermalinkFindsThePageThatBeginsWithItsThreadHoweverDeep() {
        List<Long> roots = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            roots.add(published("thread " + i, null));
        }
        long deep = published("deep reply", published("reply", roots.get(5)));

        ValidatableResponse position = as(null).get("/api/v1/comments/{id}/position", deep).then().statusCode(200)
                .body("articleId", equalTo("a1")).body("rootId", equalTo(roots.get(5).intValue())).body("sort", equalTo("oldest"));
        String cursor = position.extract().path("cursor");
        page(2, cursor).body("comments[0].id", equalTo(roots.get(5).intValue())).body("comments.id", hasItem((int) deep));

        String newest = as(null).queryParam("sort", "newest").get("/api/v1/comments/{id}/position", deep).then().statusCode(200)
                .extract().path("cursor");
        as(null).queryParam("sort", "newest").queryParam("limit", 1).queryParam("cursor", newest).get("/api/v1/articles/a1/comments")
                .then().body("comments[0].id", equalTo(roots.get(5).intValue()));
        // the first thread needs no cursor of its own; a hidden comment has no permalink
        as(null).get("/api/v1/comments/{id}/position", roots.get(0)).then().statusCode(200);
        long held = postAsGuest("a1", "held").extract().<Number>path("id").longValue();
        as(null).get("/api/v1/comments/{id}/position", held).then().statusCode(404).contentType("application/problem+json");
        feature(roots.get(6), true).statusCode(200);
        as(null).get("/api/v1/comments/{id}/position", roots.get(6)).then().body("cursor", nullValue());
    }
}
