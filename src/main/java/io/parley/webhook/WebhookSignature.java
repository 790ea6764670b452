package io.parley.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks 1.0 signing: secrets are {@code whsec_} + base64 of 24 random bytes; a signature
 * is {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret's bytes, and
 * several are sent space-separated while a rotated secret is still honoured. Receivers verify with
 * the same library (README, "Webhooks").
 */
public final class WebhookSignature {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header's value: a signature per secret still in force. */
    public static String header(List<String> secrets, String messageId, long timestamp, String body) {
        return secrets.stream().map(secret -> sign(secret, messageId, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** {@code v1,} and the signature, by the specification's own library. */
    static String sign(String secret, String messageId, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(messageId, timestamp, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("a whsec_ secret Parley made signs anything", e);
        }
    }
}
