package io.parley.spam;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Moderators.decide;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter learns from moderators' decisions and then tells spam from readers on comments it has not seen. */
@QuarkusTest
class SpamFilterTest {

    @Inject
    Database db;

    private final String admin = AdminTokens.admin();

    @BeforeEach
    void settings() {
        // only the filter decides here: no holds for first comments or links
        io.parley.testing.Moderators.settings(Map.of("approvedCommentsToTrust", 0, "holdLinkCount", 0));
    }

    private static long submit(LabelledComments.Labelled c, int n) {
        Map<String, Object> author = guest(c.name(), c.email());
        if (c.website() != null) {
            author.put("website", c.website());
        }
        Map<String, Object> body = comment("a" + (n % 7), c.body(), author);
        return post("a" + (n % 7), body, null).statusCode(201).extract().<Number>path("id").longValue();
    }

    /**
     * A training period: every comment is held (manual approval, the filter never files spam by
     * itself) and moderators decide each one, spam or approve.
     * @return how many decisions the filter learnt from
     */
    private int train(List<LabelledComments.Labelled> comments) {
        manualApproval(true);
        int n = 0;
        for (LabelledComments.Labelled c : comments) {
            decide(admin, submit(c, n++), c.spam() ? "spam" : "approve").statusCode(200);
        }
        manualApproval(false);
        return comments.size();
    }

    private void manualApproval(boolean on) {
        io.parley.testing.Moderators.settings(Map.of("manualApproval", on, "spamThreshold", on ? 1.0 : 0.9,
                "spamHoldThreshold", on ? 1.0 : 0.5));
    }

    private Double score(long id) {
        Number score = as(admin).get("/admin/v1/comments/{id}", id).then().statusCode(200).extract().path("spamScore");
        return score == null ? null : score.doubleValue();
    }

    @Test
    void untrainedFilterGivesNoScore() {
        long id = submit(LabelledComments.generate(1, 1).get(1), 0);
        as(admin).get("/admin/v1/comments/{id}", id).then().body("spamScore", nullValue());
    }

    @Test
    void afterTrainingItSeparatesSpamFromReadersOnUnseenComments() {
        train(LabelledComments.generate(150, 42));
        assertSeparates("after 300 decisions in a training period");
    }

    /**
     * Without a training period: the filter starts filing spam by itself after a few decisions, so
     * moderators go on to teach it mostly ham. It must not start calling readers spam.
     */
    @Test
    void learningFromOrdinaryModerationStaysPrecise() {
        io.parley.testing.Moderators.settings(Map.of("manualApproval", true));
        int n = 0;
        for (LabelledComments.Labelled c : LabelledComments.generate(150, 11)) {
            int status = decide(admin, submit(c, n++), c.spam() ? "spam" : "approve").extract().statusCode();
            assertTrue(status == 200 || (status == 409 && c.spam()), "a reader's comment was filed as spam: " + c.body());
        }
        io.parley.testing.Moderators.settings(Map.of("manualApproval", false));
        assertSeparates("after ordinary moderation of 300 comments");
    }

    private void assertSeparates(String after) {
        int truePositive = 0;
        int falsePositive = 0;
        int falseNegative = 0;
        int n = 1000;
        List<LabelledComments.Labelled> unseen = LabelledComments.generate(50, 7);
        for (LabelledComments.Labelled c : unseen) {
            boolean flagged = score(submit(c, n++)) >= 0.5;
            if (flagged && c.spam()) {
                truePositive++;
            } else if (flagged) {
                falsePositive++;
            } else if (c.spam()) {
                falseNegative++;
            }
        }
        double precision = truePositive / (double) (truePositive + falsePositive);
        double recall = truePositive / (double) (truePositive + falseNegative);
        System.out.printf("spam filter on 100 unseen comments %s: precision %.3f, recall %.3f%n", after, precision, recall);
        assertTrue(precision >= 0.95, "precision " + precision);
        assertTrue(recall >= 0.9, "recall " + recall);
        // spam above the threshold never reaches readers
        as(admin).get("/admin/v1/comments?status=spam&limit=200").then()
                .body("items.reasons.code.flatten()", org.hamcrest.Matchers.hasItem("SPAM_SCORE"));
    }

    @Test
    void aChangedDecisionIsUnlearntAndTheModelCanBeRebuilt() {
        int learnt = train(LabelledComments.generate(20, 3));
        Map<String, Object> corpusBefore = corpus();
        manualApproval(true);
        long id = submit(LabelledComments.generate(1, 99).get(0), 500);
        decide(admin, id, "approve").statusCode(200);
        decide(admin, id, "spam").statusCode(200);
        Map<String, Object> corpus = corpus();
        assertEquals(((Number) corpusBefore.get("ham")).intValue(), ((Number) corpus.get("ham")).intValue(),
                "the approval was unlearnt when the moderator changed their mind");
        assertEquals(((Number) corpusBefore.get("spam")).intValue() + 1, ((Number) corpus.get("spam")).intValue());

        long probe = submit(LabelledComments.generate(1, 123).get(1), 600);
        Double before = score(probe);
        as(admin).post("/admin/v1/spam/rebuild").then().statusCode(200).body("learnt", equalTo(learnt + 1));
        assertEquals(corpus, corpus(), "the rebuilt model has the same counts");
        assertEquals(before, score(probe));
    }

    private Map<String, Object> corpus() {
        Object[] row = (Object[]) db.scalar("select spam_docs, ham_docs from spam_corpus");
        Map<String, Object> counts = new HashMap<>();
        counts.put("spam", row[0]);
        counts.put("ham", row[1]);
        counts.put("tokens", db.scalar("select sum(spam) + sum(ham) from spam_token"));
        return counts;
    }
}
