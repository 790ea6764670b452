package io.parley.spam;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.testing.Moderators.as;
import static io.parley.testing.Moderators.decide;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AkismetTest.WithAkismet.class)
class AkismetTest {

    public static class WithAkismet implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AkismetStandIn.class));
        }
    }

    private final String admin = AdminTokens.admin();

    @BeforeEach
    void settings() {
        io.parley.testing.Moderators.settings(Map.of("approvedCommentsToTrust", 0));
        AkismetStandIn.server.resetRequests();
    }

    private static io.restassured.response.ValidatableResponse submit(String text) {
        Map<String, Object> author = guest("Reader", "reader@example.com");
        author.put("website", "https://reader.example.com");
        return post("a1", comment("a1", text, author), null);
    }

    @Test
    void akismetSpamIsFiledAsSpamWithTheDocumentedFields() {
        submit("Cheap viagra here").statusCode(201).body("status", equalTo("pending"));
        as(admin).get("/admin/v1/comments?status=spam").then().body("items[0].reasons[0].code", equalTo("AKISMET"));
        AkismetStandIn.server.verify(postRequestedFor(urlEqualTo("/1.1/comment-check"))
                .withRequestBody(containing("blog=http%3A%2F%2Flocalhost%3A8080"))
                .withRequestBody(containing("user_ip=127.0.0.1"))
                .withRequestBody(containing("comment_type=comment"))
                .withRequestBody(containing("comment_author=Reader"))
                .withRequestBody(containing("comment_author_email=reader%40example.com"))
                .withRequestBody(containing("comment_author_url=https%3A%2F%2Freader.example.com"))
                .withRequestBody(containing("permalink=http%3A%2F%2Flocalhost%3A8080%2Fnews%2Fa1")));
    }

    @Test
    void akismetHamIsPublished() {
        submit("A fair point about the tram line.").statusCode(201).body("status", equalTo("approved"));
    }

    @Test
    void aSlowOrBrokenAkismetDoesNotHoldUpComments() {
        Instant start = Instant.now();
        submit("slow to check").statusCode(201).body("status", equalTo("approved"));
        assertTrue(Duration.between(start, Instant.now()).toMillis() < 4_500, "waited for the slow Akismet");
        submit("broken upstream").statusCode(201).body("status", equalTo("approved"));
    }

    @Test
    void moderatorsDecisionsAreReported() throws Exception {
        io.parley.testing.Moderators.settings(Map.of("manualApproval", true));
        long spam = submit("Some subtle spam").statusCode(201).extract().<Number>path("id").longValue();
        long ham = submit("A real reader").statusCode(201).extract().<Number>path("id").longValue();
        decide(admin, spam, "spam").statusCode(200);
        decide(admin, ham, "approve").statusCode(200);
        for (int i = 0; i < 50 && AkismetStandIn.server.findAll(postRequestedFor(urlEqualTo("/1.1/submit-ham"))).isEmpty(); i++) {
            Thread.sleep(100);
        }
        AkismetStandIn.server.verify(postRequestedFor(urlEqualTo("/1.1/submit-spam"))
                .withRequestBody(containing("comment_content=Some+subtle+spam")));
        AkismetStandIn.server.verify(postRequestedFor(urlEqualTo("/1.1/submit-ham"))
                .withRequestBody(containing("comment_content=A+real+reader")));
    }
}
