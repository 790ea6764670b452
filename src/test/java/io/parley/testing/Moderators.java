package io.parley.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** The moderation desk's calls, with a newsroom token. */
public final class Moderators {

    private Moderators() {
    }

    public static RequestSpecification as(String bearerToken) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + bearerToken);
    }

    public static ValidatableResponse decide(String token, long commentId, String action) {
        return decide(token, commentId, action, null);
    }

    public static ValidatableResponse decide(String token, long commentId, String action, Integer expectedVersion) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        if (expectedVersion != null) {
            body.put("expectedVersion", expectedVersion);
        }
        return as(token).body(body).post("/admin/v1/comments/{id}/decisions", commentId).then();
    }

    /** Changes moderation settings as an admin; only the given fields change. */
    public static void settings(Map<String, Object> patch) {
        as(AdminTokens.admin()).body(patch).put("/admin/v1/settings").then().statusCode(200);
    }

    public static ValidatableResponse queue(String token, String query) {
        return as(token).get("/admin/v1/comments" + (query.isEmpty() ? "" : "?" + query)).then();
    }
}
