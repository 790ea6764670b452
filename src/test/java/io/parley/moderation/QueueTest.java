package io.parley.moderation;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Moderators.decide;
import static io.parley.testing.Moderators.queue;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QueueTest {

    @Inject
    Database db;

    private final String moderator = AdminTokens.moderator();


    private static long submit(String article, String text, String email) {
        return post(article, comment(article, text, guest("Writer " + email, email)), null)
                .statusCode(201).extract().<Number>path("id").longValue();
    }

    @Test
    void theQueueShowsWhatModeratorsNeed() {
        long id = submit("a1", "Look at https://example.com", "writer@example.com");
        queue(moderator, "").statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo((int) id))
                .body("items[0].status", equalTo("pending"))
                .body("items[0].version", equalTo(0))
                .body("items[0].body", equalTo("Look at https://example.com"))
                .body("items[0].html", containsString("rel=\"nofollow ugc noopener\""))
                .body("items[0].reasons[0].code", equalTo("FIRST_COMMENT"))
                .body("items[0].spamScore", nullValue())
                .body("items[0].flags", equalTo(0))
                .body("items[0].author.email", equalTo("writer@example.com"))
                .body("items[0].author.ip", equalTo("127.0.0.1"))
                .body("items[0].author.commenterId", notNullValue())
                .body("items[0].author.history.pending", equalTo(1))
                .body("nextCursor", nullValue());
    }

    @Test
    void historyCountsAGuestsCommentsByEmail() {
        long approved = submit("a1", "one", "regular@example.com");
        long spam = submit("a2", "two", "regular@example.com");
        submit("a3", "three", "Regular@Example.com");
        decide(moderator, approved, "approve").statusCode(200);
        decide(moderator, spam, "spam").statusCode(200);
        queue(moderator, "").statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].author.history.approved", equalTo(1))
                .body("items[0].author.history.spam", equalTo(1))
                .body("items[0].author.history.pending", equalTo(1))
                .body("items[0].author.history.rejected", equalTo(0));
    }

    @Test
    void oldestFirstAndPagedByCursor() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit("a1", "comment " + i, "w" + i + "@example.com"));
        }
        String cursor = queue(moderator, "limit=2").statusCode(200)
                .body("items.id", contains(ids.get(0).intValue(), ids.get(1).intValue()))
                .extract().path("nextCursor");
        String cursor2 = queue(moderator, "limit=2&cursor=" + cursor).statusCode(200)
                .body("items.id", contains(ids.get(2).intValue(), ids.get(3).intValue()))
                .extract().path("nextCursor");
        queue(moderator, "limit=2&cursor=" + cursor2).statusCode(200)
                .body("items.id", contains(ids.get(4).intValue()))
                .body("nextCursor", nullValue());
    }

    @Test
    void filtersByStatusArticleAndAuthor() {
        long a1 = submit("a1", "on a1", "x@example.com");
        long a2 = submit("a2", "on a2", "y@example.com");
        decide(moderator, a2, "approve").statusCode(200);
        queue(moderator, "status=approved").statusCode(200).body("items.id", contains((int) a2));
        queue(moderator, "status=pending&articleId=a2").statusCode(200).body("items", hasSize(0));
        queue(moderator, "articleId=a1").statusCode(200).body("items.id", contains((int) a1));
        long author = queue(moderator, "").extract().<Number>path("items[0].author.commenterId").longValue();
        queue(moderator, "authorId=" + author).statusCode(200).body("items.id", contains((int) a1));
        queue(moderator, "status=everything").statusCode(400).body("errors[0].field", equalTo("status"));
        queue(moderator, "authorId=abc").statusCode(400).body("errors[0].field", equalTo("authorId"));
        queue(moderator, "limit=0").statusCode(400);
        queue(moderator, "cursor=nope").statusCode(400);
    }

    @Test
    void oneCommentWithItsParent() {
        long parent = submit("a1", "parent", "p@example.com");
        decide(moderator, parent, "approve").statusCode(200);
        var reply = comment("a1", "reply", guest("R", "r@example.com"));
        reply.put("parentId", parent);
        long child = post("a1", reply, null).statusCode(201).extract().<Number>path("id").longValue();
        as(moderator).get("/admin/v1/comments/{id}", child).then().statusCode(200)
                .body("parent.id", equalTo((int) parent))
                .body("parent.status", equalTo("approved"))
                .body("depth", equalTo(1))
                .body("history", hasSize(1));
        as(moderator).get("/admin/v1/comments/{id}", 123456789).then().statusCode(404);
    }

    /** Keyset paging must ride the index at any depth, never sort or skip rows. */
    @Test
    void queuePagesUseTheQueueIndex() {
        db.fillWithComments(20_000);
        String plan = db.explain("select c.* from comment c where c.status = 'PENDING'"
                + " and (c.created_at, c.id) > (now() - interval '1 day', 0) order by c.created_at, c.id limit 51");
        assertTrue(plan.contains("comment_queue"), plan);
        // a Merge Append of the partitions' index scans keeps their order ("Sort Key"); a Sort node would not
        assertTrue(!Pattern.compile("(?m)^\\s*(->\\s+)?(Incremental )?Sort\\s+\\(").matcher(plan).find(), plan);
        String byArticle = db.explain("select c.* from comment c where c.status = 'PENDING' and c.article_id = 'bulk-3'"
                + " order by c.created_at, c.id limit 51");
        assertTrue(byArticle.contains("comment_queue_article"), byArticle);
        assertEquals(500L, ((Number) db.scalar("select count(*) from author_history")).longValue(), "one record per email");
        // the authors' records are read by key, not counted from their comments (at a size where a scan would show)
        db.execute("insert into author_history (author_key) select 'email:reader' || g || '@example.com' from generate_series(1, 50000) g");
        db.execute("analyze author_history");
        String history = db.explain("select * from author_history where author_key = any(array['email:bulk1@example.com', 'commenter:7'])");
        assertTrue(history.contains("author_history_pkey"), history);
    }
}
