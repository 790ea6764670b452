package io.parley.comment;

import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.list;
import static io.parley.testing.Readers.post;
import static io.parley.testing.Readers.postAsGuest;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GuestCommentTest {

    @Inject
    Database db;


    @Test
    void guestSubmissionWaitsForModerationAndIsVisibleOnlyToItsAuthor() {
        ExtractableResponse<Response> posted = postAsGuest("climate-2026", "First! Great reporting.")
                .body("status", equalTo("pending"))
                .body("author.name", equalTo("Ann Reader"))
                .body("author.provider", equalTo("guest"))
                .body("html", equalTo("First! Great reporting."))
                .body("depth", equalTo(0))
                .body("commenterToken", notNullValue())
                .extract();
        String token = posted.path("commenterToken");
        long id = posted.<Number>path("id").longValue();

        list("climate-2026", token)
                .body("comments", hasSize(1))
                .body("comments[0].id", equalTo((int) id))
                .body("comments[0].status", equalTo("pending"))
                .body("total", equalTo(0));
        list("climate-2026", null).body("comments", empty()).body("total", equalTo(0));
        String otherReader = postAsGuest("other-article", "Hello").extract().path("commenterToken");
        list("climate-2026", otherReader).body("comments", empty());
    }

    @Test
    void approvedCommentIsPublicAndCounted() {
        long id = postAsGuest("a1", "Worth reading").extract().<Number>path("id").longValue();
        db.approve(id);

        list("a1", null)
                .body("total", equalTo(1))
                .body("comments[0].status", equalTo("approved"))
                .body("comments[0].html", equalTo("Worth reading"))
                .body("comments[0]", not(org.hamcrest.Matchers.hasKey("editableUntil")));
        RestAssured.given().queryParam("articleId", "a1", "nothing-here").get("/api/v1/counts").then()
                .statusCode(200)
                .body("counts.a1", equalTo(1))
                .body("counts.nothing-here", equalTo(0));
    }

    @Test
    void emailNeverAppearsInPublicAnswers() {
        String secret = "very.private.person@example.org";
        ExtractableResponse<Response> posted = post("a1", comment("a1", "My view", guest("Private Person", secret)), null)
                .statusCode(201).extract();
        db.approve(posted.<Number>path("id").longValue());

        org.hamcrest.MatcherAssert.assertThat(posted.asString(), not(containsString(secret)));
        list("a1", null).body(not(containsString("very.private")));
        list("a1", posted.path("commenterToken")).body(not(containsString("very.private")));
    }

    @Test
    void guestWithTokenKeepsOneIdentityAcrossComments() {
        String token = postAsGuest("a1", "one").extract().path("commenterToken");
        post("a1", comment("a1", "two", guest("Ann R.", "ann@example.com")), token)
                .statusCode(201)
                .body("commenterToken", nullValue())
                .body("author.name", equalTo("Ann R."));
        list("a1", token).body("comments", hasSize(2));
        org.junit.jupiter.api.Assertions.assertEquals(1L, db.count("commenter"));
    }

    @Test
    void guestMustSayWhoTheyAre() {
        post("a1", comment("a1", "anonymous", null), null)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("author"));
        post("a1", comment("a1", "text", guest("", "not-an-email")), null)
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("author.name", "author.email"));
        Map<String, Object> author = guest("Ann", "ann@example.com");
        author.put("website", "javascript:alert(1)");
        post("a1", comment("a1", "text", author), null)
                .statusCode(422)
                .body("errors[0].field", equalTo("author.website"));
        org.junit.jupiter.api.Assertions.assertEquals(0L, db.count("comment"));
    }

    @Test
    void guestWebsiteIsShownAsGiven() {
        Map<String, Object> author = guest("Ann", "ann@example.com");
        author.put("website", "https://ann.example.com/blog");
        long id = post("a1", comment("a1", "text", author), null).statusCode(201)
                .body("author.website", equalTo("https://ann.example.com/blog"))
                .extract().<Number>path("id").longValue();
        db.approve(id);
        list("a1", null).body("comments[0].author.website", equalTo("https://ann.example.com/blog"));
    }

    @Test
    void unknownArticleNeedsAnArticleUrlOnOurSites() {
        Map<String, Object> body = comment("new-article", "hi", guest("Ann", "ann@example.com"));
        body.remove("articleUrl");
        post("new-article", body, null).statusCode(404).contentType("application/problem+json");
        body.put("articleUrl", "https://evil.example.net/news/new-article");
        post("new-article", body, null).statusCode(404);
        body.put("articleUrl", "http://localhost:8080/news/new-article");
        post("new-article", body, null).statusCode(201);
        // once it exists, later comments need no URL
        body.remove("articleUrl");
        body.put("body", "hi again");
        post("new-article", body, null).statusCode(201);
    }

    @Test
    void listingAnArticleWithoutCommentsIsEmpty() {
        list("never-commented", null)
                .body("articleId", equalTo("never-commented"))
                .body("total", equalTo(0))
                .body("comments", empty())
                .body("nextCursor", nullValue());
    }

    @Test
    void anUnknownCommenterTokenIsRefused() {
        RestAssured.given().header("Authorization", "Commenter not-a-real-token")
                .get("/api/v1/articles/a1/comments").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Commenter")
                .contentType("application/problem+json");
    }
}
