package io.parley.common;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values (tokens, secrets, nonces) as URL-safe base64 text. */
public final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {
    }

    public static String urlSafe(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
