package io.parley.portability;

import static io.parley.testing.Readers.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Database;
import io.parley.testing.Mailbox;
import io.parley.testing.Moderators;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PeopleTest {

    @Inject
    Database db;

    @Inject
    EntityManager em;

    @Inject
    Retention retention;

    private ExtractableResponse<Response> posted(String text, String name, String email, Long parentId, String token) {
        Map<String, Object> body = comment("a1", text, guest(name, email));
        body.put("notify", true);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return post("a1", body, token).statusCode(201).extract();
    }

    @Test
    void aPersonsDataComesWithWhatItIsForAndHowLongItIsKept() {
        ExtractableResponse<Response> first = posted("My first word.", "Ann Reader", "Ann@Example.com", null, null);
        posted("My second word.", "Ann R.", "ann@example.com", null, first.path("commenterToken"));
        posted("Someone else.", "Bob", "bob@example.com", null, null);

        Moderators.as(AdminTokens.admin()).get("/admin/v1/people?email=ann@example.com").then().statusCode(200)
                .body("comments", hasSize(2))
                .body("comments.body", contains("My first word.", "My second word."))
                .body("namesUsed", contains("Ann Reader", "Ann R."))
                .body("ipAddresses", contains("127.0.0.1"))
                .body("accounts", hasSize(1))
                .body("processing.category", hasItem("ipAddresses and userAgents"))
                .body("processing.find { it.category == 'ipAddresses and userAgents' }.retention", equalTo("90 days"))
                .body("processing.find { it.category == 'comments' }.retention", org.hamcrest.Matchers.containsString("30 days"));
        Moderators.as(AdminTokens.moderator()).get("/admin/v1/people?email=ann@example.com").then().statusCode(403);
        Moderators.as(AdminTokens.admin()).get("/admin/v1/people").then().statusCode(422);
    }

    @Test
    void erasingRemovesThePersonButKeepsTheThreadWhole() throws InterruptedException {
        ExtractableResponse<Response> ann = posted("Ann starts a thread.", "Ann Reader", "ann@example.com", null, null);
        long annRoot = ann.<Number>path("id").longValue();
        String annToken = ann.path("commenterToken");
        Moderators.decide(AdminTokens.moderator(), annRoot, "approve").statusCode(200);
        long bobReply = posted("Bob answers Ann.", "Bob", "bob@example.com", annRoot, null).<Number>path("id").longValue();
        long annAlone = posted("Ann alone.", "Ann Reader", "ann@example.com", null, annToken).<Number>path("id").longValue();
        for (long id : new long[] {bobReply, annAlone}) {
            Moderators.decide(AdminTokens.moderator(), id, "approve"); // Ann's second comment is already published: she is trusted
        }
        // her two subscriptions are made once her comments are published, as the confirmation mails show
        Mailbox.await("ann@example.com", m -> m.subject().startsWith("Confirm"), 2, Duration.ofSeconds(10));

        Moderators.as(AdminTokens.admin()).body(Map.of("email", "ann@example.com")).post("/admin/v1/people/erase").then()
                .statusCode(200).body("comments", equalTo(2)).body("accounts", equalTo(1)).body("subscriptions", equalTo(2));

        as(null).get("/api/v1/articles/a1/comments").then().statusCode(200)
                .body("comments.id", contains((int) annRoot, (int) bobReply))
                .body("comments[0].status", equalTo("deleted"))
                .body("comments[1].html", org.hamcrest.Matchers.containsString("Bob answers Ann."));
        as(annToken).get("/api/v1/articles/a1/comments").then().statusCode(401); // the token is revoked
        Moderators.as(AdminTokens.admin()).get("/admin/v1/people?email=ann@example.com").then().statusCode(200)
                .body("comments", hasSize(0)).body("subscriptions", hasSize(0));
        String audit = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select cast(detail as text) from admin_event where action = 'people.erase'").getSingleResult());
        assertFalse(audit.contains("ann"), "the audit records the erasure without the erased data: " + audit);
        String leftovers = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select string_agg(coalesce(author_name, '') || coalesce(author_email, '') || coalesce(host(author_ip), '')"
                        + " || coalesce(body, ''), ',') from comment where id in (?1, ?2)").setParameter(1, annRoot)
                .setParameter(2, annAlone).getSingleResult());
        assertEquals("Deleted,Deleted", leftovers);
    }

    @Test
    void retentionRemovesOldAddressesAndOldSpamOnOneReplicaAtATime() {
        long old = posted("An old comment.", "Ann", "ann@example.com", null, null).<Number>path("id").longValue();
        long fresh = posted("A fresh comment.", "Bob", "bob@example.com", null, null).<Number>path("id").longValue();
        long oldSpam = posted("Old spam.", "Spam", "spam@example.com", null, null).<Number>path("id").longValue();
        Moderators.decide(AdminTokens.moderator(), oldSpam, "spam").statusCode(200);
        db.age(old, Duration.ofDays(91));
        db.age(oldSpam, Duration.ofDays(31));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update moderation_event set created_at = created_at - interval '31 days' where comment_id = ?1").setParameter(1, oldSpam)
                .executeUpdate());

        Retention.Run run = retention.enforce();
        assertTrue(run.ran());
        assertEquals(1, run.addressesRemoved());
        assertEquals(1, run.commentsDeleted());
        Moderators.as(AdminTokens.admin()).get("/admin/v1/comments/{id}", old).then().body("author.ip", equalTo(null));
        Moderators.as(AdminTokens.admin()).get("/admin/v1/comments/{id}", fresh).then().body("author.ip", equalTo("127.0.0.1"));
        Moderators.as(AdminTokens.admin()).get("/admin/v1/comments/{id}", oldSpam).then().statusCode(404);

        // another replica holding the lock: this one skips its run
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, 0x726574656e74L).getSingleResult();
            Retention.Run skipped = java.util.concurrent.CompletableFuture.supplyAsync(retention::enforce).join();
            assertFalse(skipped.ran());
        });
    }

    @Test
    void aGuestErasesTheirDataThroughALinkMailedToTheirAddress() throws InterruptedException {
        long mine = posted("Mine to take back.", "Hal Guest", "hal@example.com", null, null).<Number>path("id").longValue();
        Moderators.decide(AdminTokens.moderator(), mine, "approve").statusCode(200);
        for (int i = 0; i < 2; i++) {
            as(null).body(Map.of("email", "hal@example.com", "kind", "erasure")).post("/api/v1/privacy-requests").then().statusCode(202);
        }
        as(null).body(Map.of("email", "nobody@example.com", "kind", "access")).post("/api/v1/privacy-requests").then().statusCode(202);
        as(null).body(Map.of("email", "hal@example.com", "kind", "everything")).post("/api/v1/privacy-requests").then().statusCode(422);

        Mailbox.Mail mail = Mailbox.await("hal@example.com", m -> m.subject().startsWith("Erase"), Duration.ofSeconds(10));
        String path = mail.link("/privacy").replaceFirst("^https?://[^/]+", "");
        io.restassured.RestAssured.given().get(path).then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("Erase my data"));
        as(null).get("/api/v1/articles/a1/comments").then().body("comments.id", contains((int) mine)); // a GET changes nothing
        io.restassured.RestAssured.given().post(path).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Your data was erased"));
        io.restassured.RestAssured.given().post(path).then().statusCode(410);
        as(null).get("/api/v1/articles/a1/comments").then().body("comments", hasSize(0));
        Thread.sleep(500);
        assertEquals(1, Mailbox.to("hal@example.com").stream().filter(m -> m.subject().startsWith("Erase")).count(),
                "one mail however often it is asked for");
        assertEquals(0, Mailbox.to("nobody@example.com").size(), "no mail to an address Parley knows nothing about");
    }

    @Test
    void aReaderWithATokenDownloadsAndErasesTheirOwnData() {
        ExtractableResponse<Response> mine = posted("My words.", "Ivy Own", "ivy@example.com", null, null);
        String token = mine.path("commenterToken");
        posted("Someone else with my address.", "Impostor", "ivy@example.com", null, null);
        as(token).get("/api/v1/me/data").then().statusCode(200)
                .body("comments.body", contains("My words.")) // a token proves the browser, not the address
                .body("processing.category", hasItem("comments"));
        as(null).get("/api/v1/me/data").then().statusCode(401);
        as(token).post("/api/v1/me/erase").then().statusCode(200).body("comments", equalTo(1));
        as(token).get("/api/v1/me/data").then().statusCode(401);
        Moderators.as(AdminTokens.admin()).get("/admin/v1/people?email=ivy@example.com").then()
                .body("comments.body", contains("Someone else with my address."));
    }
}
