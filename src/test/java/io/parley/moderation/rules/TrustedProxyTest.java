package io.parley.moderation.rules;

import static io.parley.testing.Moderators.as;
import static io.parley.testing.Readers.comment;
import static io.parley.testing.Readers.guest;
import static org.hamcrest.Matchers.equalTo;

import io.parley.testing.AdminTokens;
import io.parley.testing.Moderators;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behind a configured proxy, the forwarded address is the reader's: flood limits and bans apply to it. */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindProxy.class)
class TrustedProxyTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @BeforeEach
    void settings() {
        Moderators.settings(Map.of("floodIntervalSeconds", 15, "approvedCommentsToTrust", 0));
    }

    private static io.restassured.response.ValidatableResponse submitFrom(String ip, String email, String text) {
        return Readers.as(null).header("X-Forwarded-For", ip).body(comment("a1", text, guest("Reader", email)))
                .post("/api/v1/articles/a1/comments").then();
    }

    @Test
    void eachForwardedReaderHasTheirOwnLimit() {
        submitFrom("198.51.100.7", "a@example.com", "one").statusCode(201);
        submitFrom("198.51.100.8", "b@example.com", "two").statusCode(201);
        submitFrom("198.51.100.7", "c@example.com", "three").statusCode(429);
        as(AdminTokens.admin()).get("/admin/v1/comments?status=approved").then()
                .body("items[0].author.ip", equalTo("198.51.100.7"));
    }

    @Test
    void bansApplyToTheForwardedAddress() {
        as(AdminTokens.admin()).body(Map.of("kind", "ip", "value", "198.51.100.0/24")).post("/admin/v1/bans").then().statusCode(201);
        submitFrom("198.51.100.9", "d@example.com", "hi").statusCode(403);
        submitFrom("203.0.113.5", "e@example.com", "hi").statusCode(201);
    }
}
