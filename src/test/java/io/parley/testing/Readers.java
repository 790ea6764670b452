package io.parley.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** What readers' browsers send, in the words of the API. */
public final class Readers {

    public static final String SITE = "http://localhost:8080";

    private Readers() {
    }

    public static Map<String, Object> guest(String name, String email) {
        Map<String, Object> author = new HashMap<>();
        author.put("name", name);
        author.put("email", email);
        return author;
    }

    /** A guest comment body, with an article URL on our site so the article is created on first comment. */
    public static Map<String, Object> comment(String articleId, String text, Map<String, Object> author) {
        Map<String, Object> body = new HashMap<>();
        body.put("body", text);
        body.put("articleUrl", SITE + "/news/" + articleId);
        if (author != null) {
            body.put("author", author);
        }
        return body;
    }

    public static RequestSpecification as(String commenterToken) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return commenterToken == null ? spec : spec.header("Authorization", "Commenter " + commenterToken);
    }

    public static ValidatableResponse post(String articleId, Map<String, Object> body, String token) {
        return as(token).body(body).when().post("/api/v1/articles/{a}/comments", articleId).then();
    }

    /** Posts as a new guest and returns the answer (201 expected). */
    public static ValidatableResponse postAsGuest(String articleId, String text) {
        return post(articleId, comment(articleId, text, guest("Ann Reader", "ann@example.com")), null).statusCode(201);
    }

    public static ValidatableResponse list(String articleId, String token) {
        return as(token).when().get("/api/v1/articles/{a}/comments", articleId).then().statusCode(200);
    }
}
