package io.parley.widget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.ArticlePageResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What a newsroom's page and a reader's browser get from the service besides the API. */
@QuarkusTest
class EmbedTest {

    @Test
    void theDemoArticleEmbedsTheWidgetUnderAStrictContentSecurityPolicy() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("<div id=\"parley-comments\" data-article-id=\"demo-lighthouse\""))
                .body(containsString("<script src=\"/embed.js\" async></script>"));
    }

    @Test
    void theWidgetIsServedAsScriptAndStyle() {
        given().get("/embed.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("X-Content-Type-Options", "nosniff").body(containsString("Leave a Reply"));
        given().get("/embed.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void onlyTheNewsroomsOriginsMayCallTheApiFromABrowser() {
        preflight(ArticlePageResource.origin()).statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ArticlePageResource.origin()))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        preflight("https://evil.example").header("Access-Control-Allow-Origin", nullValue());
    }

    private static io.restassured.response.ValidatableResponse preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/articles/a1/comments").then();
    }
}
