package io.parley.moderation;

import io.parley.testing.AdminTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.parley.testing.Moderators;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A newsroom on EC keys that also pins the audience: only ES256 tokens for that audience pass. */
@QuarkusTest
@TestProfile(Es256AudienceTokenTest.Es256WithAudience.class)
class Es256AudienceTokenTest {

    public static class Es256WithAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "jwt/es256-public.pem",
                    "mp.jwt.verify.publickey.algorithm", "ES256",
                    "mp.jwt.verify.audiences", "parley-admin");
        }
    }

    private static String es256(String audience) {
        var claims = AdminTokens.claims("erin", "moderator");
        if (audience != null) {
            claims.audience(audience);
        }
        return claims.jws().algorithm(SignatureAlgorithm.ES256)
                .sign(AdminTokens.key("jwt/es256-private.pem", SignatureAlgorithm.ES256));
    }

    @Test
    void es256TokenForTheAudiencePasses() {
        Moderators.queue(es256("parley-admin"), "").statusCode(200);
    }

    @Test
    void wrongOrMissingAudienceIs401() {
        Moderators.queue(es256("another-service"), "").statusCode(401);
        Moderators.queue(es256(null), "").statusCode(401);
    }

    @Test
    void anRs256TokenIsNotAcceptedWhereEs256IsConfigured() {
        Moderators.queue(AdminTokens.signed(AdminTokens.claims("erin", "moderator").audience("parley-admin")), "")
                .statusCode(401);
    }
}
