package io.parley.comment;

import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Comments submitted at the same moment are written together (group commit); each still gets the
 * answer it would get alone, and one refused comment (banned, duplicate, rude, or hostile text that
 * cannot be stored) does not take the others down with it.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    Database db;

    private record Attempt(String text, String email, int expected, String rawJson) {

        Attempt(String text, String email, int expected) {
            this(text, email, expected, null);
        }

        /** A body as a hostile client would write it: JSON escapes Java's own JSON writer would never produce. */
        static Attempt raw(String json, int expected) {
            return new Attempt(json, null, expected, json);
        }

        Object body() {
            return rawJson != null ? rawJson : comment("burst", text, guest("Reader", email));
        }
    }

    @Test
    void simultaneousSubmissionsEachGetTheirOwnAnswer() throws Exception {
        Moderators.settings(Map.of("approvedCommentsToTrust", 0, "floodIntervalSeconds", 0, "bannedWords", List.of("grotty")));
        Moderators.as(AdminTokens.admin()).body(Map.of("kind", "email", "value", "banned@example.com", "reason", "abuse"))
                .post("/admin/v1/bans").then().statusCode(201);
        post("burst", comment("burst", "Said it before.", guest("Dee", "dee@example.com")), null).statusCode(201);

        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            attempts.add(new Attempt("Fair point number " + i + ".", "reader" + i + "@example.com", 201));
        }
        attempts.add(4, new Attempt("Let me in.", "banned@example.com", 403));
        attempts.add(9, new Attempt("Said it before.", "dee@example.com", 409));
        attempts.add(13, new Attempt("What a grotty idea.", "rude@example.com", 422));
        attempts.add(17, new Attempt("Again, let me in.", "BANNED@example.com", 403));
        String site = "\"articleUrl\":\"" + Readers.SITE + "/news/burst\"";
        attempts.add(2, Attempt.raw("{\"body\":\"nul\\u0000byte\"," + site + ",\"author\":{\"name\":\"N\",\"email\":\"n@example.com\"}}", 400));
        attempts.add(7, Attempt.raw("{\"body\":\"half a pair\"," + site + ",\"author\":{\"name\":\"\\ud800\",\"email\":\"s@example.com\"}}", 400));
        attempts.add(11, Attempt.raw("{\"body\":\"bell\"," + site + ",\"author\":{\"name\":\"B\",\"email\":\"b\\u0007@example.com\"}}", 400));

        CyclicBarrier start = new CyclicBarrier(attempts.size());
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Attempt a : attempts) {
                Callable<Integer> call = () -> {
                    start.await();
                    return Readers.as(null).body(a.body()).post("/api/v1/articles/burst/comments").then().extract().statusCode();
                };
                answers.add(pool.submit(call));
            }
            for (int i = 0; i < attempts.size(); i++) {
                assertEquals(attempts.get(i).expected(), answers.get(i).get(), attempts.get(i).toString());
            }
        } finally {
            pool.shutdown();
        }

        String[] published = attempts.stream().filter(a -> a.expected() == 201).map(Attempt::text).toArray(String[]::new);
        list("burst", null).body("total", equalTo(19)).body("comments.html", hasItems(published));
        assertEquals(19L, db.count("comment"), "the hostile submissions left nothing behind");
    }
}
