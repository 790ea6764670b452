package io.parley.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/**
 * Newsroom JWTs signed with the test key pair in src/test/resources/jwt, which only the dev and test
 * profiles trust.
 */
public final class AdminTokens {

    public static final String ISSUER = "https://parley.localhost/dev";

    private AdminTokens() {
    }

    public static String moderator() {
        return signed(claims("alice", "moderator"));
    }

    public static String admin() {
        return signed(claims("root-editor", "admin"));
    }

    public static JwtClaimsBuilder claims(String subject, String... groups) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject + "@newsroom.example").groups(Set.of(groups))
                .expiresIn(Duration.ofHours(1));
    }

    public static String signed(JwtClaimsBuilder claims) {
        return claims.sign(key("jwt/dev-private.pem"));
    }

    public static PrivateKey key(String resource) {
        return key(resource, SignatureAlgorithm.RS256);
    }

    public static PrivateKey key(String resource, SignatureAlgorithm algorithm) {
        try {
            return KeyUtils.readPrivateKey(resource, algorithm);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
