package io.parley.portability;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExportTest {

    @Inject
    Database db;

    private long posted(String articleId, String text, String name, Long parentId) {
        Map<String, Object> body = comment(articleId, text, guest(name, name.toLowerCase().replace(' ', '.') + "@example.com"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return post(articleId, body, null).statusCode(201).extract().<Number>path("id").longValue();
    }

    /** Approves the comment unless the pipeline already did (an author with an approved comment is trusted). */
    private static long approved(long id) {
        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(409)));
        return id;
    }

    private static byte[] export(String query) {
        return Moderators.as(AdminTokens.admin()).get("/admin/v1/exports?" + query).then().statusCode(200).extract().asByteArray();
    }

    /** Each comment without ids: what must survive a move (thread by the parent's text). */
    private static List<String> threads(byte[] json) {
        JsonPath doc = JsonPath.from(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        List<String> out = new java.util.ArrayList<>();
        List<Map<String, Object>> articles = doc.getList("articles");
        for (Map<String, Object> article : articles) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> comments = (List<Map<String, Object>>) article.get("comments");
            Map<Object, Object> bodies = new java.util.HashMap<>();
            comments.forEach(c -> bodies.put(c.get("id"), c.get("body")));
            for (Map<String, Object> c : comments) {
                @SuppressWarnings("unchecked")
                Map<String, Object> author = (Map<String, Object>) c.get("author");
                out.add(article.get("id") + " | " + article.get("title") + " | " + c.get("status") + " | " + c.get("createdAt") + " | "
                        + author.get("name") + " <" + author.get("email") + "> | " + c.get("body") + " | in reply to: "
                        + bodies.get(c.get("parentId")));
            }
        }
        return out;
    }

    @Test
    void exportingAndImportingIntoAnEmptyParleyGivesTheSameThreadsStatusesAndDates() {
        long root = approved(posted("moving-day", "We are moving.", "Ann Mover", null));
        long reply = approved(posted("moving-day", "Where to?", "Bob Asker", root));
        approved(posted("moving-day", "Somewhere quieter.", "Ann Mover", reply));
        long held = posted("moving-day", "Still waiting.", "Cid Waiter", null);
        long spam = posted("moving-day", "Cheap boxes!", "Box Seller", null);
        long gone = approved(posted("moving-day", "I said too much.", "Dee Regret", root));
        long rejected = posted("other-news", "Off topic.", "Eve Elsewhere", null);
        posted("other-news", "On topic.", "Fay Focus", null);
        Moderators.decide(AdminTokens.moderator(), spam, "spam").statusCode(200);
        Moderators.decide(AdminTokens.moderator(), rejected, "reject").statusCode(200);
        approved(posted("moving-day", "A reply to the regretted one.", "Gus Late", gone));
        Moderators.decide(AdminTokens.moderator(), gone, "delete").statusCode(200);
        db.age(root, Duration.ofDays(400));
        db.age(held, Duration.ofDays(3));

        byte[] before = export("format=json");
        byte[] wxr = export("format=wxr");
        String xml = new String(wxr, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(xml.contains("<wp:wxr_version>1.2</wp:wxr_version>") && xml.contains("<wp:comment_approved>spam</wp:comment_approved>"),
                xml);

        db.reset();
        JsonPath job = Imports.run("format=wxr", wxr);
        assertEquals("done", job.getString("status"), job.prettify());
        assertEquals(9, job.getInt("counts.imported"));
        assertEquals(threads(before), threads(export("format=json")));
        as(null).get("/api/v1/articles/moving-day/comments").then().statusCode(200)
                .body("comments.status", org.hamcrest.Matchers.contains("approved", "approved", "approved", "deleted", "approved"))
                .body("comments.depth", org.hamcrest.Matchers.contains(0, 1, 2, 1, 2));
    }

    @Test
    void oneArticleCanBeExportedAndOnlyAdminsExport() {
        Moderators.decide(AdminTokens.moderator(), posted("a1", "Here.", "Ann One", null), "approve").statusCode(200);
        posted("a2", "There.", "Bob Two", null);
        List<String> one = threads(export("format=json&articleId=a1"));
        assertEquals(1, one.size());
        assertTrue(one.get(0).startsWith("a1 | "), one.get(0));
        Moderators.as(AdminTokens.moderator()).get("/admin/v1/exports?format=json").then().statusCode(403);
        Moderators.as(AdminTokens.admin()).get("/admin/v1/exports?format=csv").then().statusCode(400)
                .contentType("application/problem+json");
        Moderators.as(AdminTokens.admin()).get("/admin/v1/exports?format=wxr&articleId=a1").then()
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("parley-comments-a1.xml"));
    }
}
