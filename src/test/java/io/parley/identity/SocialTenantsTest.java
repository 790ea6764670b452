package io.parley.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.ParleyConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider is offered only when it has a client id and is not switched off. */
class SocialTenantsTest {

    private static List<SocialProvider> enabled(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        for (String provider : List.of("twitter", "facebook")) {
            for (String endpoint : List.of("authorization", "token", "userinfo")) {
                properties.put("parley.auth." + provider + "." + endpoint + "-endpoint", "https://" + provider + ".example/" + endpoint);
            }
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ParleyConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return new SocialTenants(config.getConfigMapping(ParleyConfig.class)).enabled();
    }

    @Test
    void aProviderWithoutAClientIdIsNotOffered() {
        assertEquals(List.of(), enabled(Map.of()));
        assertEquals(List.of(SocialProvider.TWITTER), enabled(Map.of("parley.auth.twitter.client-id", "abc")));
        assertEquals(List.of(SocialProvider.FACEBOOK), enabled(Map.of("parley.auth.twitter.client-id", " ",
                "parley.auth.facebook.client-id", "123")));
    }

    @Test
    void aConfiguredProviderCanBeSwitchedOff() {
        assertEquals(List.of(SocialProvider.FACEBOOK), enabled(Map.of("parley.auth.twitter.client-id", "abc",
                "parley.auth.twitter.enabled", "false", "parley.auth.facebook.client-id", "123")));
    }
}
