package io.parley.portability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A job cut off mid-file (its replica restarted) is taken over once its heartbeat is stale, and reads on from its last batch. */
@QuarkusTest
class ImportResumeTest {

    private static final int COMMENTS = 12_000;

    @Inject
    Database db;

    @Inject
    Importer importer;

    @Inject
    EntityManager em;

    @Inject
    io.parley.common.ParleyConfig config;

    @Test
    void anInterruptedImportResumesWhereItStoppedAndCountsEverythingOnce() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int post = 0; post < 40; post++) {
            StringBuilder comments = new StringBuilder();
            for (int c = 0; c < COMMENTS / 40; c++) {
                int id = post * 1000 + c + 1;
                comments.append(ImportTest.wxrComment(Integer.toString(id), c == 0 ? "0" : Integer.toString(id - 1), "Reader " + id,
                        "r" + (id % 97) + "@example.com", "2024-05-01 10:00:00", "", "1", "", "Comment number " + id));
            }
            items.append(ImportTest.post("resume-" + post, "Post " + post, "https://old.example/" + post + "/", comments.toString()));
        }
        Path file = Files.createDirectories(Path.of(config.imports().dir())).resolve("resume-test.xml");
        Files.writeString(file, ImportTest.wxr(items.toString()), StandardCharsets.UTF_8);
        Importer.Job job = runningJob(file);
        long id = job.id();
        RuntimeException cut = new IllegalStateException("the replica restarts");
        assertThrows(IllegalStateException.class, () -> importer.read(job, fraction -> {
            if (fraction > 0.3) {
                throw cut;
            }
        }, comments -> { }));
        long staged = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select staged from import_job where id = ?1").setParameter(1, id).getSingleResult()).longValue());
        assertTrue(staged > 0 && staged < COMMENTS, "part of the file was staged: " + staged);

        JsonPath done = takenOver(job);
        assertEquals("done", done.getString("status"), done.prettify());
        assertEquals(COMMENTS, done.getInt("counts.read"), "what was read before the cut is not counted twice");
        assertEquals(COMMENTS, done.getInt("counts.imported"));
        long comments = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from comment where article_id like 'resume-%'").getSingleResult()).longValue());
        assertEquals(COMMENTS, comments);
        long deepest = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select max(depth) from comment where article_id like 'resume-%'").getSingleResult()).longValue());
        assertEquals(COMMENTS / 40 - 1, deepest, "each post's chain of replies keeps its depth");
        assertTrue(!Files.exists(file), "a finished upload's file is removed");
    }

    /**
     * A job's comments are created in a table of its own and appear together once it is published;
     * a job cut off between creating and publishing publishes when it is taken over.
     */
    @Test
    void aJobCutOffBeforePublishingShowsNothingUntilItIsTakenOver() throws Exception {
        db.reset();
        String comments = ImportTest.wxrComment("1", "0", "Ann", "ann@example.com", "2024-05-01 10:00:00", "", "1", "", "First.")
                + ImportTest.wxrComment("2", "1", "Bob", "bob@example.com", "2024-05-01 11:00:00", "", "1", "", "A reply.");
        Path file = Files.createDirectories(Path.of(config.imports().dir())).resolve("publish-test.xml");
        Files.writeString(file, ImportFixtures.wxr("cut-1", "Cut", comments), StandardCharsets.UTF_8);
        Importer.Job job = runningJob(file);
        importer.read(job, fraction -> { }, staged -> { });
        importer.createPass(job, true); // the replica restarts here

        assertEquals(2L, db.scalar("select count(*) from " + job.table()), "created in the job's table");
        given().get("/api/v1/articles/cut-1/comments").then().statusCode(200).body("total", equalTo(0));

        JsonPath done = takenOver(job);
        assertEquals("done", done.getString("status"), done.prettify());
        assertEquals(2, done.getInt("counts.imported"));
        // the article's cached page goes when every replica hears of the new comments, a moment after the commit
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(5);
        while (given().get("/api/v1/articles/cut-1/comments").jsonPath().getInt("total") != 2 && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        given().get("/api/v1/articles/cut-1/comments").then().statusCode(200).body("total", equalTo(2))
                .body("comments.depth", contains(0, 1));
        assertEquals(2L, ((Number) db.scalar("select approved from author_history where author_key = 'email:ann@example.com'"))
                .longValue() + ((Number) db.scalar("select approved from author_history where author_key = 'email:bob@example.com'"))
                .longValue(), "the authors' records count the imported comments");
    }

    /** A job as a worker that is about to be cut off holds it: running, its heartbeat fresh. */
    private Importer.Job runningJob(Path file) throws IOException {
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                insert into import_job (format, status, file, size, created_by, created_at, heartbeat_at)
                values ('wxr', 'running', ?1, ?2, 'test', now(), now() + interval '1 hour') returning id""")
                .setParameter(1, file.toString()).setParameter(2, Files.size(file)).getSingleResult()).longValue());
        return new Importer.Job(id, ImportFormat.WXR, file, Files.size(file), ImportOptions.DEFAULTS, 0,
                new ImportCounts());
    }

    /** The job's replica is gone: its heartbeat stops, and a worker takes the job over and finishes it. */
    private JsonPath takenOver(Importer.Job job) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update import_job set heartbeat_at = now() - interval '2 minutes' where id = ?1").setParameter(1, job.id()).executeUpdate());
        return Imports.awaitFinished("/admin/v1/imports/" + job.id());
    }
}
