package io.parley.comment;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.post;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ThreadTest {

    @Inject
    Database db;


    private long published(String articleId, String text, Long parentId) {
        Map<String, Object> body = comment(articleId, text, guest("Reader " + text, "r@example.com"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        long id = post(articleId, body, null).statusCode(201).extract().<Number>path("id").longValue();
        db.approve(id);
        return id;
    }

    @Test
    void repliesFollowTheirParentsInThreadOrder() {
        long first = published("a1", "first", null);
        long second = published("a1", "second", null);
        long replyToFirst = published("a1", "reply to first", first);
        long replyToReply = published("a1", "reply to reply", replyToFirst);
        long secondReplyToFirst = published("a1", "second reply to first", first);

        list("a1", null)
                .body("total", equalTo(5))
                .body("comments.id", contains((int) first, (int) replyToFirst, (int) replyToReply,
                        (int) secondReplyToFirst, (int) second))
                .body("comments.depth", contains(0, 1, 2, 1, 0))
                .body("comments.parentId", contains(null, (int) first, (int) replyToFirst, (int) first, null));
    }

    @Test
    void newestFirstReordersThreadsButNotReplies() {
        long first = published("a1", "first", null);
        long second = published("a1", "second", null);
        long reply1 = published("a1", "r1", first);
        long reply2 = published("a1", "r2", first);

        as(null).queryParam("sort", "newest").get("/api/v1/articles/a1/comments").then().statusCode(200)
                .body("comments.id", contains((int) second, (int) first, (int) reply1, (int) reply2));
    }

    @Test
    void pagesAreWholeTopLevelThreads() {
        List<Long> roots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            roots.add(published("a1", "thread " + i, null));
        }
        long reply = published("a1", "reply in thread 1", roots.get(1));

        String cursor = as(null).queryParam("limit", 2).get("/api/v1/articles/a1/comments").then().statusCode(200)
                .body("comments.id", contains(roots.get(0).intValue(), roots.get(1).intValue(), (int) reply))
                .body("total", equalTo(6))
                .extract().path("nextCursor");
        assertNotNull(cursor);
        String cursor2 = as(null).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/articles/a1/comments")
                .then().statusCode(200)
                .body("comments.id", contains(roots.get(2).intValue(), roots.get(3).intValue()))
                .extract().path("nextCursor");
        as(null).queryParam("limit", 2).queryParam("cursor", cursor2).get("/api/v1/articles/a1/comments")
                .then().statusCode(200)
                .body("comments.id", contains(roots.get(4).intValue()))
                .body("nextCursor", nullValue());
    }

    @Test
    void badPagingParametersAreExplained() {
        for (Map.Entry<String, String> bad : Map.of("sort", "loudest", "limit", "0", "cursor", "###").entrySet()) {
            as(null).queryParam(bad.getKey(), bad.getValue()).get("/api/v1/articles/a1/comments").then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad.getKey()));
        }
        as(null).queryParam("limit", "1000").get("/api/v1/articles/a1/comments").then().statusCode(400);
    }

    @Test
    void onlyPublishedCommentsOfTheSameArticleTakeReplies() {
        long pending = postAsGuest("a1", "not yet approved").extract().<Number>path("id").longValue();
        long elsewhere = published("a2", "other article", null);

        Map<String, Object> reply = comment("a1", "reply", guest("Bob", "bob@example.com"));
        reply.put("parentId", pending);
        post("a1", reply, null).statusCode(422).body("errors[0].field", equalTo("parentId"));
        reply.put("parentId", elsewhere);
        post("a1", reply, null).statusCode(422).body("errors[0].field", equalTo("parentId"));
        reply.put("parentId", 987654321L);
        post("a1", reply, null).statusCode(422).body("errors[0].field", equalTo("parentId"));
        assertEquals(2L, db.count("comment"));
    }

    @Test
    void repliesNestFiveLevelsDeep() {
        Long parent = null;
        for (int depth = 0; depth < 5; depth++) {
            parent = published("a1", "level " + depth, parent);
        }
        Map<String, Object> tooDeep = comment("a1", "level 5", guest("Bob", "bob@example.com"));
        tooDeep.put("parentId", parent);
        post("a1", tooDeep, null).statusCode(422)
                .body("errors[0].field", equalTo("parentId"))
                .body("detail", org.hamcrest.Matchers.containsString("5 levels"));
        list("a1", null).body("comments", hasSize(5)).body("comments[4].depth", equalTo(4));
    }

    @Test
    void aReaderSeesTheirOwnPendingReplyInPlace() {
        long root = published("a1", "root", null);
        Map<String, Object> reply = comment("a1", "my reply", guest("Bob", "bob@example.com"));
        reply.put("parentId", root);
        String token = post("a1", reply, null).statusCode(201).body("depth", equalTo(1)).extract().path("commenterToken");

        list("a1", token).body("comments.status", contains("approved", "pending"));
        list("a1", null).body("comments", hasSize(1));
    }
}
