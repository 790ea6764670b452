package io.parley.comment;

import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.parley.testing.Statements;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A thread or a queue page costs the same number of SQL statements however many comments and authors it has. */
@QuarkusTest
class QueryCountTest {

    @Inject
    SessionFactory sessions;

    @Inject
    ThreadCache threadCache;

    @BeforeEach
    void settings() {
        Moderators.settings(Map.of("approvedCommentsToTrust", 0));
    }

    private void addThreads(int threads, int offset) {
        for (int t = 0; t < threads; t++) {
            long root = post("a1", comment("a1", "thread " + (t + offset), guest("Author " + t, "t" + (t + offset) + "@example.com")), null)
                    .statusCode(201).extract().<Number>path("id").longValue();
            for (int r = 0; r < 2; r++) {
                Map<String, Object> reply = comment("a1", "reply " + r, guest("Replier " + r, "r" + r + "-" + (t + offset) + "@example.com"));
                reply.put("parentId", root);
                post("a1", reply, null).statusCode(201);
            }
        }
    }

    private long statementsForOneRead(String query) {
        return Statements.preparedBy(sessions, () -> {
            threadCache.evictAll(); // each try reads the database, as the first reader after a change does
            given().get("/api/v1/articles/a1/comments" + query).then().statusCode(200);
        });
    }


    @Test
    void noQueryPerCommentOrAuthor() {
        addThreads(2, 0);
        long few = statementsForOneRead("?limit=50");
        addThreads(10, 100);
        long many = statementsForOneRead("?limit=50");
        System.out.printf("SQL statements per thread read: %d with 6 comments, %d with 36%n", few, many);
        assertEquals(few, many);
    }

    private long statementsForOneQueuePage() {
        return Statements.preparedBy(sessions, () -> Moderators.queue(AdminTokens.moderator(), "status=approved&limit=50").statusCode(200));
    }

    @Test
    void aQueuePageCostsTheSameWhateverItsAuthors() {
        addThreads(2, 0);
        long few = statementsForOneQueuePage();
        addThreads(10, 100);
        long many = statementsForOneQueuePage();
        System.out.printf("SQL statements per queue page: %d with 6 comments, %d with 36%n", few, many);
        assertEquals(few, many);
    }
}
