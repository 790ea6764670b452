package io.parley.portability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.testing.AdminTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Uploads an export as an admin would, and waits for its job. */
final class Imports {

    private Imports() {
    }

    static ValidatableResponse upload(String query, byte[] file) {
        return given().header("Authorization", "Bearer " + AdminTokens.admin()).contentType("application/xml").body(file)
                .post("/admin/v1/imports?" + query).then();
    }

    static ValidatableResponse upload(String query, String file) {
        return upload(query, file.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads and returns the finished job (done or failed). */
    static JsonPath run(String query, String file) {
        return run(query, file.getBytes(StandardCharsets.UTF_8));
    }

    static JsonPath run(String query, byte[] file) {
        String location = upload(query, file).statusCode(202).extract().header("Location");
        return awaitFinished(location);
    }

    static JsonPath awaitFinished(String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonPath job = given().header("Authorization", "Bearer " + AdminTokens.admin()).get(location).then().statusCode(200)
                    .extract().jsonPath();
            String status = job.getString("status");
            if (status.equals("done") || status.equals("failed") || Instant.now().isAfter(deadline)) {
                assertEquals(true, status.equals("done") || status.equals("failed"), "the job finishes: " + job.prettify());
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
