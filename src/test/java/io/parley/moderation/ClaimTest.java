package io.parley.moderation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two moderators, one queue: a comment one of them is reviewing is marked for the other. */
@QuarkusTest
class ClaimTest {

    private static RequestSpecification as(String subject, String name) {
        return given().header("Authorization", "Bearer " + AdminTokens.signed(AdminTokens.claims(subject, "moderator").claim("name", name)))
                .contentType("application/json");
    }

    @Test
    void aClaimedCommentIsMarkedUntilItIsDecided() {
        long id = Readers.postAsGuest("cl1", "Under review.").extract().<Number>path("id").longValue();
        as("alice", "Alice Moderator").post("/admin/v1/comments/{id}/claim", id).then().statusCode(200)
                .body("moderator", equalTo("alice")).body("name", equalTo("Alice Moderator"));
        as("alice", "Alice Moderator").post("/admin/v1/comments/{id}/claim", id).then().statusCode(200); // renewed

        as("bob", "Bob").post("/admin/v1/comments/{id}/claim", id).then().statusCode(409)
                .contentType("application/problem+json").body("current.name", equalTo("Alice Moderator"));
        as("bob", "Bob").get("/admin/v1/comments").then().statusCode(200)
                .body("items[0].claimedBy.name", equalTo("Alice Moderator"));

        as("bob", "Bob").body(Map.of("action", "approve")).post("/admin/v1/comments/{id}/decisions", id).then().statusCode(200)
                .body("claimedBy", nullValue());
        as("bob", "Bob").post("/admin/v1/comments/{id}/claim", id).then().statusCode(200).body("moderator", equalTo("bob"));
    }

    @Test
    void releasingLetsOthersReview() {
        long id = Readers.postAsGuest("cl2", "Under review.").extract().<Number>path("id").longValue();
        as("alice", "Alice").post("/admin/v1/comments/{id}/claim", id).then().statusCode(200);
        as("bob", "Bob").delete("/admin/v1/comments/{id}/claim", id).then().statusCode(204); // not Bob's to release
        as("bob", "Bob").post("/admin/v1/comments/{id}/claim", id).then().statusCode(409);
        as("alice", "Alice").delete("/admin/v1/comments/{id}/claim", id).then().statusCode(204);
        as("bob", "Bob").post("/admin/v1/comments/{id}/claim", id).then().statusCode(200);
        as("bob", "Bob").post("/admin/v1/comments/{id}/claim", 999_999).then().statusCode(404);
    }
}
