package io.parley.article;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static io.parley.testing.Readers.post;
import static org.hamcrest.Matchers.equalTo;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleAdminTest {

    private final String admin = AdminTokens.admin();


    @Test
    void anAdminRegistersAnArticleBeforeItsFirstComment() {
        as(admin).body(Map.of("title", "Budget 2027", "url", "https://news.example.com/budget-2027"))
                .put("/admin/v1/articles/budget-2027").then().statusCode(200)
                .body("id", equalTo("budget-2027"))
                .body("title", equalTo("Budget 2027"))
                .body("closed", equalTo(false));
        // registered, so a comment needs no articleUrl
        Map<String, Object> body = comment("budget-2027", "Finally", guest("Ann", "ann@example.com"));
        body.remove("articleUrl");
        post("budget-2027", body, null).statusCode(201);
    }

    @Test
    void aClosedArticleRefusesComments() {
        post("a1", comment("a1", "open", guest("Ann", "ann@example.com")), null).statusCode(201);
        as(admin).body(Map.of("closed", true)).put("/admin/v1/articles/a1").then().statusCode(200)
                .body("closed", equalTo(true));
        post("a1", comment("a1", "too late", guest("Bob", "bob@example.com")), null)
                .statusCode(403).contentType("application/problem+json").body("title", equalTo("Comments are closed"));
        as(admin).body(Map.of("closed", false)).put("/admin/v1/articles/a1").then().statusCode(200);
        post("a1", comment("a1", "reopened", guest("Bob", "bob@example.com")), null).statusCode(201);
    }

    @Test
    void preModerationIsTheReasonGiven() {
        as(admin).body(Map.of("preModeration", true, "url", "http://localhost:8080/news/a1")).put("/admin/v1/articles/a1")
                .then().statusCode(200).body("preModeration", equalTo(true));
        post("a1", comment("a1", "held", guest("Ann", "ann@example.com")), null).statusCode(201);
        Moderators.queue(admin, "articleId=a1").body("items[0].reasons[0].code", equalTo("PRE_MODERATION"));
    }

    @Test
    void articleSettingsAreValidated() {
        as(admin).body(Map.of("url", "javascript:alert(1)")).put("/admin/v1/articles/a1").then().statusCode(422)
                .body("errors[0].field", equalTo("url"));
        as(admin).body(Map.of("closed", "yes")).put("/admin/v1/articles/a1").then().statusCode(400);
        as(admin).body(Map.of("closed", true)).put("/admin/v1/articles/bad id!").then().statusCode(400);
    }
}
