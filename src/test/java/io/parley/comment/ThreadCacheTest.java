package io.parley.comment;

import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.parley.testing.Statements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/** Busy threads are read from memory, and never shown stale once a change has committed. */
@QuarkusTest
class ThreadCacheTest {

    @Inject
    SessionFactory sessions;

    @Inject
    EntityManager em;

    private long published(String text) {
        long id = post("a1", comment("a1", text, guest("Ann", text.hashCode() + "@example.com")), null).statusCode(201)
                .extract().<Number>path("id").longValue();
        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(200);
        return id;
    }

    private List<Number> shownIds() {
        return given().get("/api/v1/articles/a1/comments").then().statusCode(200).extract().path("comments.id");
    }

    @Test
    void repeatedAnonymousReadsCostNoSql() {
        published("cached");
        shownIds();
        assertEquals(0, Statements.preparedBy(sessions, () -> {
            for (int i = 0; i < 5; i++) {
                shownIds();
            }
        }));
    }

    @Test
    void aDecisionIsVisibleInTheVeryNextRead() {
        published("first");
        shownIds();
        long second = post("a1", comment("a1", "second", guest("Bea", "bea@example.com")), null).statusCode(201)
                .extract().<Number>path("id").longValue();
        assertEquals(1, shownIds().size(), "pending comments are not public");

        Moderators.decide(AdminTokens.moderator(), second, "approve").statusCode(200);

        assertTrue(shownIds().stream().anyMatch(id -> id.longValue() == second));
        Moderators.decide(AdminTokens.moderator(), second, "reject").statusCode(200);
        assertEquals(1, shownIds().size());
    }

    @Test
    void aChangeMadeElsewhereArrivesByDatabaseNotification() throws InterruptedException {
        long id = published("soon changed elsewhere");
        shownIds();
        // as another replica would: straight in the database, without this replica's services
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update comment set status = 'REJECTED' where id = ?1")
                .setParameter(1, id).executeUpdate());
        long start = System.nanoTime();

        while (!shownIds().isEmpty()) {
            Thread.sleep(5);
        }

        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("notification reached the cache after " + millis + " ms");
        assertTrue(millis < ThreadCache.TTL.toMillis() / 5, "evicted by the notification, not by expiry: " + millis + " ms");
    }
}
