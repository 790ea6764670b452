package io.parley.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.MailServerResource;
import io.parley.testing.Mailbox;
import io.parley.testing.Readers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * "Notify me of new comments via email", as the reader lives it, by mail and links only: nothing
 * until their comment is published, a confirmation link that works once, a mail per reply that
 * gathers what came meanwhile, never one for their own reply or a held one, and one-click
 * unsubscribe that a link scanner cannot trigger.
 */
@QuarkusTest
class ReaderMailTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String READER = "reader@example.com";

    @Inject
    EntityManager em;

    private static long post(String article, String text, String name, String email, Long parent, boolean notify) {
        Map<String, Object> body = Readers.comment(article, text, Readers.guest(name, email));
        body.put("notify", notify);
        if (parent != null) {
            body.put("parentId", parent);
        }
        return Readers.post(article, body, null).statusCode(201).extract().<Number>path("id").longValue();
    }

    private static void decide(long id, String action) {
        given().header("Authorization", "Bearer " + AdminTokens.moderator()).contentType("application/json")
                .body(Map.of("action", action)).post("/admin/v1/comments/{id}/decisions", id).then().statusCode(200);
    }

    /**
     * Follows a link from a mail as the reader's browser would. Links start with parley.public-url
     * (http://localhost:8080 in tests); the path goes to the service under test.
     */
    private static io.restassured.response.ValidatableResponse open(String link) {
        return given().redirects().follow(false).get(path(link)).then();
    }

    private static String path(String link) {
        if (link.startsWith("/")) {
            return link;
        }
        assertTrue(link.startsWith("http://localhost:8080/"), link);
        return link.substring("http://localhost:8080".length());
    }

    @Test
    void theWholeReaderFlow() throws Exception {
        long mine = post("rm1", "What about the bridge?", "Rita Reader", READER, null, true);
        Thread.sleep(1_500);
        assertEquals(List.of(), Mailbox.to(READER), "nothing before the comment is published");

        decide(mine, "approve");
        Mailbox.Mail confirm = Mailbox.await(READER, PATIENCE);
        assertTrue(confirm.subject().startsWith("Confirm: replies to your comment"), confirm.subject());
        assertTrue(confirm.text().contains("What about the bridge?"));
        assertTrue(confirm.html().contains("What about the bridge?"));
        String unsubscribe = confirm.link("/notify/unsubscribe");
        assertEquals("<" + unsubscribe + ">", confirm.header("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", confirm.header("List-Unsubscribe-Post"));

        long early = post("rm1", "A reply before confirming.", "Otto Other", "otto@example.com", mine, false);
        decide(early, "approve");
        open(confirm.link("/notify/confirm")).statusCode(200).body(containsString("You're subscribed"));
        open(confirm.link("/notify/confirm")).statusCode(410).body(containsString("used already"));
        Thread.sleep(1_000);
        assertEquals(1, Mailbox.to(READER).size(), "replies before the confirmation are not mailed");

        long reply = post("rm1", "The bridge opens in <b>May</b> & not before.", "Nina New", "nina@example.com", mine, false);
        Thread.sleep(500);
        assertEquals(1, Mailbox.to(READER).size(), "a held reply is not mailed");
        decide(reply, "approve");
        Mailbox.Mail first = Mailbox.await(READER, m -> m.subject().startsWith("A new reply"), PATIENCE);
        assertTrue(first.text().contains("Nina New wrote:"));
        assertTrue(first.text().contains("The bridge opens in <b>May</b> & not before."), first.text());
        assertTrue(first.html().contains("The bridge opens in &lt;b&gt;May&lt;/b&gt; &amp; not before."), first.html());
        assertTrue(first.text().contains("http://localhost:8080/news/rm1#comment-" + reply), first.text());
        assertEquals("<" + unsubscribe + ">", first.header("List-Unsubscribe"));

        // within the interval (2 s in tests) replies are gathered into one mail; one's own never counts
        // (each reply comes from a new guest, so it waits for a moderator's decision)
        long second = post("rm1", "Second reply.", "Sam Second", "sam@example.com", mine, false);
        long third = post("rm1", "Third reply.", "Paula Third", "paula@example.com", mine, false);
        post("rm1", "My own follow-up.", "Rita Reader", READER, mine, false); // trusted now: published at once
        long spam = post("rm1", "Cheap watches here.", "Spammer", "spam@example.com", mine, false);
        decide(second, "approve");
        decide(third, "approve");
        decide(spam, "spam");
        Mailbox.Mail gathered = Mailbox.await(READER, m -> m.subject().startsWith("2 new replies"), PATIENCE);
        assertTrue(gathered.text().contains("Second reply.") && gathered.text().contains("Third reply."));
        assertFalse(gathered.text().contains("My own follow-up."));
        assertFalse(gathered.text().contains("Cheap watches"));

        open(unsubscribe).statusCode(200).body(containsString("<form method=\"post\"")).body(not(containsString("You're unsubscribed")));
        long afterGet = post("rm1", "Still subscribed after a link scanner's GET.", "Gina Get", "gina@example.com", mine, false);
        decide(afterGet, "approve");
        Mailbox.await(READER, m -> m.text().contains("Still subscribed"), PATIENCE);

        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(path(unsubscribe))
                .then().statusCode(200).body(containsString("You're unsubscribed"));
        int before = Mailbox.to(READER).size();
        long afterUnsubscribe = post("rm1", "Nobody is told of this one.", "Ulla Late", "ulla@example.com", mine, false);
        decide(afterUnsubscribe, "approve");
        Thread.sleep(3_000);
        assertEquals(before, Mailbox.to(READER).size(), "no mail after unsubscribing");
    }

    @Test
    void theWholeArticleCanBeFollowed() throws Exception {
        Map<String, Object> body = Readers.comment("rm2", "Following this story.", Readers.guest("Rita Reader", READER));
        body.put("notify", true);
        body.put("notifyScope", "article");
        long mine = Readers.post("rm2", body, null).statusCode(201).extract().<Number>path("id").longValue();
        decide(mine, "approve");
        Mailbox.Mail confirm = Mailbox.await(READER, PATIENCE);
        assertTrue(confirm.subject().startsWith("Confirm: new comments on"), confirm.subject());
        open(confirm.link("/notify/confirm")).statusCode(200);

        long other = post("rm2", "A new thread, not a reply.", "Otto Other", "otto@example.com", null, false);
        decide(other, "approve");
        Mailbox.Mail news = Mailbox.await(READER, m -> m.subject().startsWith("A new comment on"), PATIENCE);
        assertTrue(news.text().contains("A new thread, not a reply."));
    }

    @Test
    void anExpiredOrUnknownLinkDoesNothing() throws Exception {
        long mine = post("rm3", "Late to confirm.", "Rita Reader", READER, null, true);
        decide(mine, "approve");
        Mailbox.Mail confirm = Mailbox.await(READER, PATIENCE);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update subscription set confirm_expires_at = now() - interval '1 minute'").executeUpdate());
        open(confirm.link("/notify/confirm")).statusCode(410).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        open("/notify/confirm?token=nonsense").statusCode(410);
        open("/notify/unsubscribe?token=nonsense").statusCode(404);
        given().post("/notify/unsubscribe?token=nonsense").then().statusCode(404);
    }

    @Test
    void noMailWithoutAnAddressOrTheBox() throws Exception {
        long unticked = post("rm4", "No notifications, thanks.", "Rita Reader", READER, null, false);
        decide(unticked, "approve");
        Thread.sleep(1_500);
        assertEquals(List.of(), Mailbox.all());
    }

    @Test
    void aFailingMailServerDelaysMailAndNeverASubmission() throws Exception {
        MailServerResource.server().stop();
        try {
            long mine = post("rm5", "Posted while mail is down.", "Rita Reader", READER, null, true);
            decide(mine, "approve");
            assertTrue(awaitAttempts(2), "tried again with backoff");
        } finally {
            MailServerResource.server().start();
        }
        Mailbox.Mail confirm = Mailbox.await(READER, PATIENCE);
        assertTrue(confirm.subject().startsWith("Confirm"));
    }

    @Test
    void aMailServerThatSaysNothingHoldsUpNoMail() throws Exception {
        MailServerResource.server().stop();
        // accepts connections where the mail server was and never answers: the send times out, and is tried again
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            silent.setReuseAddress(true);
            silent.bind(new InetSocketAddress("127.0.0.1", MailServerResource.port()));
            Thread accepting = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is done with it
                }
            });
            accepting.start();
            long mine = post("rm6", "Posted while mail hangs.", "Rita Reader", READER, null, true);
            decide(mine, "approve");
            assertTrue(awaitAttempts(1), "the silent server's attempt timed out");
            assertFalse(held.isEmpty(), "the service did connect");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            MailServerResource.server().start();
        }
        assertTrue(Mailbox.await(READER, PATIENCE).subject().startsWith("Confirm"));
    }

    /** Whether the pending mail was attempted this many times within the test's patience. */
    private boolean awaitAttempts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (attempts() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return attempts() >= count;
    }

    private int attempts() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(max(attempts), 0) from outgoing_mail where status = 'pending'").getSingleResult()).intValue());
    }
}
