package io.parley.portability;

import static io.parley.testing.Readers.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest {

    @Inject
    Database db;

    @Inject
    EntityManager em;

    static String wxrComment(String id, String parent, String author, String email, String dateGmt, String date, String approved,
            String type, String content) {
        return """
                <wp:comment>
                  <wp:comment_id>%s</wp:comment_id>
                  <wp:comment_author><![CDATA[%s]]></wp:comment_author>
                  <wp:comment_author_email>%s</wp:comment_author_email>
                  <wp:comment_author_url></wp:comment_author_url>
                  <wp:comment_author_IP>192.0.2.%s</wp:comment_author_IP>
                  <wp:comment_date>%s</wp:comment_date>
                  <wp:comment_date_gmt>%s</wp:comment_date_gmt>
                  <wp:comment_content><![CDATA[%s]]></wp:comment_content>
                  <wp:comment_approved>%s</wp:comment_approved>
                  <wp:comment_type>%s</wp:comment_type>
                  <wp:comment_parent>%s</wp:comment_parent>
                  <wp:comment_user_id>0</wp:comment_user_id>
                  <wp:commentmeta><wp:meta_key>akismet_result</wp:meta_key><wp:meta_value><![CDATA[false]]></wp:meta_value></wp:commentmeta>
                </wp:comment>
                """.formatted(id, author, email, id, date, dateGmt, content, approved, type, parent);
    }

    static String wxr(String items) {
        return """
                <?xml version="1.0" encoding="UTF-8" ?>
                <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
                     xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                <channel>
                  <title>The Old Gazette</title>
                  <link>https://old.example</link>
                  <wp:wxr_version>1.2</wp:wxr_version>
                  <wp:base_site_url>https://old.example</wp:base_site_url>
                %s
                </channel>
                </rss>
                """.formatted(items);
    }

    static String post(String id, String title, String link, String comments) {
        return """
                <item>
                  <title>%s</title>
                  <link>%s</link>
                  <wp:post_id>%s</wp:post_id>
                  <wp:post_type>post</wp:post_type>
                  <wp:status>publish</wp:status>
                %s
                </item>
                """.formatted(title, link, id, comments);
    }

    private static final String GAZETTE = wxr(post("101", "Council budget", "https://old.example/2024/05/council-budget/",
            wxrComment("1", "0", "Ann", "ann@example.com", "2024-05-01 10:00:00", "2024-05-01 12:00:00", "1", "", "The budget is late.")
            + wxrComment("3", "2", "Bob", "bob@example.com", "2024-05-01 10:20:00", "", "1", "comment", "Replying to a reply.")
            + wxrComment("2", "1", "Ann R.", "ANN@example.com", "2024-05-01 10:10:00", "", "1", "", "I meant the lighthouse.")
            + wxrComment("4", "0", "Cid", "cid@example.com", "0000-00-00 00:00:00", "2024-05-01 12:30:00", "0", "", "Held here.")
            + wxrComment("5", "0", "Spammer", "spam@example.com", "2024-05-01 11:00:00", "", "spam", "", "Cheap pills")
            + wxrComment("6", "0", "Trashed", "t@example.com", "2024-05-01 11:10:00", "", "trash", "", "Removed there.")
            + wxrComment("7", "0", "Other blog", "", "2024-05-01 11:20:00", "", "1", "pingback", "[...] linked [...]")
            + wxrComment("8", "999", "Dee", "dee@example.com", "2024-05-01 11:30:00", "", "1", "", "My parent is gone.")
            + wxrComment("9", "0", "Eve", "eve@example.com", "2024-05-01 11:40:00", "", "1", "",
                    "<script>alert(1)</script><b>Bold</b> claim\u0001.")
            + wxrComment("10", "0", "Fay", "fay@example.com", "not a date", "", "1", "", "When?"))
            + post("102", "An attachment", "https://old.example/photo/", ""));

    @Test
    void aWordPressExportBecomesThreadsWithTheirDatesStatusesAndAuthors() {
        JsonPath job = Imports.run("format=wxr&timeZone=Europe/Paris", GAZETTE);
        assertEquals("done", job.getString("status"), job.prettify());
        assertEquals(1.0, job.getDouble("progress"));
        assertEquals(10, job.getInt("counts.read"));
        assertEquals(8, job.getInt("counts.imported"));
        assertEquals(1, job.getInt("counts.skipped.pingback"));
        assertEquals(1, job.getInt("counts.parentMissing"));
        assertEquals(1, job.getInt("counts.invalidCharacters"));
        assertEquals(1, job.getInt("counts.errors"));
        assertEquals("https://old.example#10", job.getString("counts.errorDetails[0].sourceId"));
        assertTrue(job.getInt("counts.errorDetails[0].line") > 0, "the error names its line");

        JsonPath thread = as(null).get("/api/v1/articles/101/comments").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("The budget is late.", "I meant the lighthouse.", "Replying to a reply.", "My parent is gone.", "Bold claim."),
                thread.getList("comments.html", String.class).stream().map(h -> h.replaceAll("<[^>]+>", "").strip()).toList(),
                "threads in order, the script gone and the control character dropped");
        assertEquals(List.of(0, 1, 2, 0, 0), thread.getList("comments.depth"));
        assertEquals("2024-05-01T10:00:00Z", thread.getString("comments[0].createdAt"));
        assertTrue(!thread.getString("comments[4].html").contains("script"), "imported HTML passes the same allow-list");
        as(null).get("/api/v1/articles/101/comments").then().body("comments[0].author.name", equalTo("Ann"));
        Moderators.queue(AdminTokens.admin(), "status=pending&articleId=101").statusCode(200)
                .body("items.body", contains("Held here."))
                .body("items[0].createdAt", equalTo("2024-05-01T10:30:00Z")); // 12:30 in Paris, from comment_date
        Moderators.queue(AdminTokens.admin(), "status=spam&articleId=101").body("items.body", contains("Cheap pills"));
        Moderators.queue(AdminTokens.admin(), "status=rejected&articleId=101").body("items.body", contains("Removed there."));
        assertEquals(1L, commentersWithEmail("ann@example.com"), "authors are one commenter per email, whatever name they used");
        assertEquals(List.of("Council budget|https://old.example/2024/05/council-budget/"), articles("101"));
        assertEquals(List.of(), articles("102"), "a post without comments makes no article");

        JsonPath again = Imports.run("format=wxr&timeZone=Europe/Paris", GAZETTE);
        assertEquals("done", again.getString("status"));
        assertEquals(0, again.getInt("counts.imported"), "importing the same file again changes nothing");
        assertEquals(8, again.getInt("counts.skipped.'imported before'"));
        as(null).get("/api/v1/articles/101/comments").then().body("total", equalTo(5));
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<String> articles(String id) {
        return em.createNativeQuery("select title || '|' || url from article where id = ?1").setParameter(1, id).getResultList();
    }

    @Transactional
    long commentersWithEmail(String email) {
        return ((Number) em.createNativeQuery("select count(*) from commenter where lower(email) = ?1").setParameter(1, email)
                .getSingleResult()).longValue();
    }

    @Test
    void aDisqusExportKeepsItsThreadsDeletedPlaceholdersAndSpam() {
        String disqus = """
                <?xml version="1.0" encoding="utf-8"?>
                <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
                  <category dsq:id="1"><forum>gazette</forum><title>General</title><isDefault>true</isDefault></category>
                  <thread dsq:id="500"><id>council-budget</id><forum>gazette</forum><category dsq:id="1"/>
                    <link>https://old.example/council-budget/</link><title>Council budget</title><message/>
                    <createdAt>2020-01-01T00:00:00Z</createdAt><author><email>editor@example.com</email><name>Ed</name></author>
                    <isClosed>false</isClosed><isDeleted>false</isDeleted></thread>
                  <post dsq:id="9001"><id/><message><![CDATA[<p>First!</p>]]></message><createdAt>2020-01-02T08:00:00Z</createdAt>
                    <isDeleted>false</isDeleted><isSpam>false</isSpam>
                    <author><email>ann@example.com</email><name>Ann</name><isAnonymous>false</isAnonymous></author>
                    <ipAddress>198.51.100.1</ipAddress><thread dsq:id="500"/></post>
                  <post dsq:id="9003"><id/><message><![CDATA[<p>Answering the deleted one.</p>]]></message>
                    <createdAt>2020-01-02T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
                    <author><email>bob@example.com</email><name>Bob</name></author><thread dsq:id="500"/><parent dsq:id="9002"/></post>
                  <post dsq:id="9002"><id/><message><![CDATA[<p>Regrettable.</p>]]></message><createdAt>2020-01-02T09:00:00Z</createdAt>
                    <isDeleted>true</isDeleted><isSpam>false</isSpam>
                    <author><email>cid@example.com</email><name>Cid</name></author><thread dsq:id="500"/><parent dsq:id="9001"/></post>
                  <post dsq:id="9004"><id/><message><![CDATA[Buy now]]></message><createdAt>2020-01-02T11:00:00Z</createdAt>
                    <isDeleted>false</isDeleted><isSpam>true</isSpam>
                    <author><email>spam@example.com</email><name>Spam</name></author><thread dsq:id="500"/></post>
                  <post dsq:id="9005"><id/><message><![CDATA[Lost]]></message><createdAt>2020-01-02T12:00:00Z</createdAt>
                    <isDeleted>false</isDeleted><isSpam>false</isSpam>
                    <author><email>lost@example.com</email><name>Lost</name></author><thread dsq:id="404"/></post>
                </disqus>
                """;
        JsonPath job = Imports.run("format=disqus", disqus);
        assertEquals("done", job.getString("status"), job.prettify());
        assertEquals(4, job.getInt("counts.imported"));
        assertEquals(1, job.getInt("counts.skipped.'thread missing from the file'"));
        as(null).get("/api/v1/articles/council-budget/comments").then().statusCode(200)
                .body("comments.status", contains("approved", "deleted", "approved"))
                .body("comments.depth", contains(0, 1, 2))
                .body("comments[1].html", equalTo(null))
                .body("comments[2].createdAt", equalTo("2020-01-02T10:00:00Z"));
        Moderators.queue(AdminTokens.admin(), "status=spam&articleId=council-budget").body("items.body", contains("Buy now"));
    }

    @Test
    void theParserRefusesDtdsAndExternalEntities() {
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss><channel><item><wp:post_id xmlns:wp="http://wordpress.org/export/1.2/">1</wp:post_id>
                <wp:comment xmlns:wp="http://wordpress.org/export/1.2/"><wp:comment_id>1</wp:comment_id>
                <wp:comment_content>&secret;</wp:comment_content><wp:comment_date_gmt>2024-01-01 00:00:00</wp:comment_date_gmt>
                </wp:comment></item></channel></rss>
                """;
        JsonPath job = Imports.run("format=wxr", hostile);
        assertEquals("failed", job.getString("status"));
        assertTrue(job.getString("failure").contains("DTD"), job.getString("failure"));
        as(null).get("/api/v1/articles/1/comments").then().body("total", equalTo(0));
        String body = as(null).get("/api/v1/articles/1/comments").then().extract().asString();
        assertTrue(!body.contains("root:"), "nothing from the file system");
    }

    @Test
    void onlyAdminsImportAndOnlyOneImportRunsAtATime() {
        Imports.upload("format=wxr", GAZETTE).statusCode(202);
        Imports.upload("format=wxr", GAZETTE).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("one import runs at a time"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + AdminTokens.moderator()).contentType("application/xml")
                .body(GAZETTE).post("/admin/v1/imports?format=wxr").then().statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().contentType("application/xml").body(GAZETTE).post("/admin/v1/imports?format=wxr").then()
                .statusCode(401);
        Imports.upload("format=csv", GAZETTE).statusCode(400).body("errors[0].field", equalTo("format"));
        Imports.upload("format=wxr&timeZone=Mars/Olympus", GAZETTE).statusCode(400).body("errors[0].field", equalTo("timeZone"));
        Moderators.as(AdminTokens.admin()).get("/admin/v1/imports/987654").then().statusCode(404);
        awaitNoRunningImport();
        as(null).get("/api/v1/articles/101/comments").then().body("comments", not(org.hamcrest.Matchers.empty()));
    }

    @Test
    void repeatedCommentsAndLoopsOfParentsAreCountedAndTheThreadsKept() {
        String file = wxr(post("201", "Loops", "https://old.example/loops/",
                wxrComment("21", "22", "Ann", "ann@example.com", "2024-05-02 10:00:00", "", "1", "", "I answer 22.")
                + wxrComment("22", "21", "Bob", "bob@example.com", "2024-05-02 10:01:00", "", "1", "", "I answer 21.")
                + wxrComment("23", "0", "Cid", "cid@example.com", "2024-05-02 10:02:00", "", "1", "", "First.")
                + wxrComment("24", "23", "Dee", "dee@example.com", "2024-05-02 10:03:00", "", "1", "", "Under the first."))
                + post("202", "Repeats", "https://old.example/repeats/",
                wxrComment("23", "0", "Cid", "cid@example.com", "2024-05-02 10:02:00", "", "1", "", "First, again.")));
        JsonPath job = Imports.run("format=wxr", file);
        assertEquals("done", job.getString("status"), job.prettify());
        assertEquals(4, job.getInt("counts.imported"));
        assertEquals(1, job.getInt("counts.skipped.'duplicate in the file'"), "the first of a repeated comment id is the one kept");
        assertEquals(1, job.getInt("counts.parentMissing"), "a loop of parents puts one of them at the top level");
        JsonPath thread = as(null).get("/api/v1/articles/201/comments").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("I answer 22.", "I answer 21.", "First.", "Under the first."),
                thread.getList("comments.html", String.class).stream().map(h -> h.replaceAll("<[^>]+>", "").strip()).toList());
        assertEquals(List.of(0, 1, 0, 1), thread.getList("comments.depth"));
        assertEquals(List.of(), articles("202"), "a post whose only comment is a repeat makes no article");
    }

    @Test
    void withTheOptionTheSpamFilterLearnsFromTheSpamAndApprovedCommentsOfTheFile() {
        Moderators.settings(java.util.Map.of("approvedCommentsToTrust", 0, "holdLinkCount", 0));
        String pitch = "Cheap replica watches, casino bonus codes and pills, order today";
        String reader = "The council should publish the tram budget before the vote";
        JsonPath plain = Imports.run("format=wxr", teaching("401", 40));
        assertEquals(0, plain.getInt("counts.learntBySpamFilter"), plain.prettify());
        long before = postAsGuestNamed("a1", "Rex", "rex@example.org", pitch);
        Moderators.as(AdminTokens.admin()).get("/admin/v1/comments/{id}", before).then()
                .body("spamScore", org.hamcrest.Matchers.nullValue()).body("status", not(equalTo("spam")));

        JsonPath learning = Imports.run("format=wxr&learnSpam=true", teaching("402", 60));
        assertEquals("done", learning.getString("status"), learning.prettify());
        assertEquals(16, learning.getInt("counts.learntBySpamFilter"), "8 spam and 8 approved; held and trashed ones teach nothing");
        long spam = postAsGuestNamed("a2", "Max", "max@example.org", pitch);
        Moderators.as(AdminTokens.admin()).get("/admin/v1/comments/{id}", spam).then()
                .body("status", equalTo("spam")).body("reasons.code", org.hamcrest.Matchers.hasItem("SPAM_SCORE"));
        long ham = postAsGuestNamed("a2", "Una", "una@example.org", reader);
        Moderators.as(AdminTokens.admin()).get("/admin/v1/comments/{id}", ham).then().body("status", equalTo("approved"));

        // a moderator who decides otherwise on an imported comment unlearns what it taught
        long imported = number("select id from comment where trained_as = 'spam' order by id limit 1");
        Moderators.decide(AdminTokens.admin(), imported, "approve").statusCode(200);
        assertEquals(7, number("select spam_docs from spam_corpus"), "the filter now counts 7 spam comments");
    }

    /** A post of 8 spam, 8 approved, 2 held and 2 trashed comments, numbered from {@code firstId}. */
    private static String teaching(String postId, int firstId) {
        StringBuilder comments = new StringBuilder();
        String[] spam = {"Cheap replica watches for sale", "casino bonus codes here", "pills without prescription, order today",
                "Cheap pills and casino bonus", "replica watches, order today", "Order cheap pills today", "casino bonus, replica watches",
                "Cheap casino bonus pills"};
        String[] ham = {"The council budget is late again", "Will the tram line reach the harbour?", "The vote should wait for the budget",
                "Good reporting on the council meeting", "I was at the harbour meeting too", "Publish the tram plans before the vote",
                "The budget hearing is on Tuesday", "Thanks for covering the council vote"};
        for (int i = 0; i < 8; i++) {
            comments.append(wxrComment(Integer.toString(firstId + i), "0", "Seller " + i, "seller" + i + "@spam.example",
                    "2024-05-03 10:00:00", "", "spam", "", spam[i]));
            comments.append(wxrComment(Integer.toString(firstId + 10 + i), "0", "Reader " + i, "reader" + i + "@example.com",
                    "2024-05-03 11:00:00", "", "1", "", ham[i]));
        }
        for (int i = 0; i < 2; i++) {
            comments.append(wxrComment(Integer.toString(firstId + 18 + i), "0", "Held " + i, "held" + i + "@example.com",
                    "2024-05-03 12:00:00", "", i == 0 ? "0" : "trash", "", "Cheap replica watches and the council budget"));
        }
        return wxr(post(postId, "Lessons", "https://old.example/" + postId + "/", comments.toString()));
    }

    private static long postAsGuestNamed(String articleId, String name, String email, String text) {
        return io.parley.testing.Readers.post(articleId, io.parley.testing.Readers.comment(articleId, text,
                io.parley.testing.Readers.guest(name, email)), null).statusCode(201).extract().<Number>path("id").longValue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aClientThatWaitsToBeAcceptedSendsTheFileOnlyThen() throws Exception {
        // curl -T asks "Expect: 100-continue" and waits (this client until its timeout) before sending a large file
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/admin/v1/imports?format=wxr"))
                .expectContinue(true).timeout(java.time.Duration.ofSeconds(10)).header("Content-Type", "application/xml")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(GAZETTE));
        // (a refusal answers at once too, checked with curl: Java 17's client hangs on any answer but 100, JDK-8286171)
        var accepted = client.send(request.header("Authorization", "Bearer " + AdminTokens.admin()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("done", Imports.awaitFinished(accepted.headers().firstValue("Location").orElseThrow()).getString("status"));
    }

    private void awaitNoRunningImport() {
        for (int i = 0; i < 300 && runningImports() > 0; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long runningImports() {
        return number("select count(*) from import_job where status in ('queued', 'running')");
    }

    @Transactional
    long number(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
