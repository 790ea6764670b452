package io.parley.common;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration as Quarkus will read it (system properties, environment, application.properties
 * with the active profile), available in main before Quarkus starts, and the settings production
 * cannot run without: a service missing them stops at once with a message, not at the first request.
 */
public final class StartupConfig {

    public static final String REQUIRE_JWT_KEY = "parley.require-admin-jwt-config";

    private StartupConfig() {
    }

    public static SmallRyeConfig load() {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources();
        URL properties = Thread.currentThread().getContextClassLoader().getResource("application.properties");
        if (properties != null) {
            try {
                builder.withSources(new PropertiesConfigSource(properties, 250));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // quarkus:dev names the profile in pom.xml; the packaged service runs prod unless told otherwise
        String profile = System.getProperty("quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
        return builder.withProfile(profile).build();
    }

    /** What is missing for the admin API to trust anyone: a verification key and the issuer. */
    public static List<String> missingAdminJwtConfig(SmallRyeConfig config) {
        List<String> missing = new ArrayList<>();
        if (!config.getOptionalValue(REQUIRE_JWT_KEY, Boolean.class).orElse(true)) {
            return missing;
        }
        if (isBlank(config, "mp.jwt.verify.publickey.location") && isBlank(config, "mp.jwt.verify.publickey")) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (the newsroom's JWT verification key: PEM or JWKS, file or URL)");
        }
        if (isBlank(config, "mp.jwt.verify.issuer")) {
            missing.add("MP_JWT_VERIFY_ISSUER (the issuer of the newsroom's JWTs)");
        }
        return missing;
    }

    private static boolean isBlank(SmallRyeConfig config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).isEmpty();
    }
}
