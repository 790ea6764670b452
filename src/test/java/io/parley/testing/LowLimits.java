package io.parley.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Per-client and per-replica limits low enough to reach in a test, with client addresses taken from
 * X-Forwarded-For (trusted from loopback) so that each test can be a different reader.
 */
public class LowLimits implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("parley.live.max-streams", "3", "parley.live.max-streams-per-client", "2",
                "parley.likes.per-client", "3",
                "quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
}
