package io.parley.common;

import io.parley.common.db.EmbeddedDatabase;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every Parley setting and its default; each can be set by environment variable (PARLEY_...). */
@ConfigMapping(prefix = "parley")
public interface ParleyConfig {

    Site site();

    Comments comments();

    CommenterTokens commenterTokens();

    Idempotency idempotency();

    EmbeddedDb embeddedDb();

    Akismet akismet();

    Auth auth();

    Console console();

    /** Production refuses to start without mp.jwt.verify.publickey(.location) and issuer (off in dev and test). */
    @WithDefault("true")
    boolean requireAdminJwtConfig();

    /** Akismet is off until an API key is set; its endpoint is quarkus.rest-client.akismet.url. */
    interface Akismet {
        Optional<String> apiKey();

        /** The site Akismet knows; by default the origin of the article's URL. */
        Optional<String> blog();

        /** Marks requests as tests, so Akismet does not learn from them. */
        @WithDefault("false")
        boolean test();
    }

    /**
     * Readers' social logins. Each provider is on once it has a client id (and not enabled=false);
     * the endpoints default to the real ones (application.properties) and can point anywhere else.
     */
    interface Auth {
        Provider twitter();

        Provider facebook();

        /**
         * Encrypts the short-lived login cookies (state, PKCE verifier). Set the same value, 32
         * characters or more, on every replica; without it each process makes up its own.
         */
        Optional<String> cookieSecret();

        interface Provider {
            @WithDefault("true")
            boolean enabled();

            Optional<String> clientId();

            Optional<String> clientSecret();

            String authorizationEndpoint();

            String tokenEndpoint();

            String userinfoEndpoint();
        }
    }

    /** The moderator console at /admin/. */
    interface Console {
        Oidc oidc();

        /** How long a moderator stays signed in before the console asks the identity provider again. */
        @WithDefault("PT12H")
        Duration sessionTtl();

        /**
         * Buttons that sign in as a moderator or an admin without an identity provider. Honoured only
         * in dev and test mode (./mvnw quarkus:dev), never by the packaged service.
         */
        @WithDefault("false")
        boolean devLogin();

        /**
         * The newsroom's OpenID Connect provider (Keycloak, Auth0, Entra ID...): discovery from
         * {@code <issuer>/.well-known/openid-configuration}, authorization code with PKCE. The console's
         * login is off until the issuer and client id are set.
         */
        interface Oidc {
            Optional<String> issuer();

            Optional<String> clientId();

            Optional<String> clientSecret();
        }
    }

    interface Site {
        /** Origins of the newsroom's pages: they may embed the widget and open new article threads. */
        @WithDefault("http://localhost:8080")
        List<String> allowedOrigins();
    }

    interface Comments {
        /** Top-level threads per page when the reader does not ask. */
        @WithDefault("20")
        int pageSize();

        @WithDefault("100")
        int maxPageSize();

        /** Article ids one counts request may ask for. */
        @WithDefault("100")
        int maxCountsPerRequest();

        /**
         * Transactions writing new comments at once (group commit); while one commits, the next
         * batch gathers. On two cores two writers measured best: a batch is a handful of round
         * trips, and while one writer waits for PostgreSQL the other prepares or commits
         * (bench/README.md). Raise it on larger machines.
         */
        @WithDefault("2")
        int writers();

        /** New comments written in one transaction at most. */
        @WithDefault("64")
        int maxBatch();
    }

    interface CommenterTokens {
        @WithDefault("P30D")
        Duration ttl();
    }

    /** Read by ParleyMain before Quarkus starts; listed here so it is a known, documented key. */
    interface EmbeddedDb {
        /** Start an embedded PostgreSQL when no quarkus.datasource.jdbc.url is set (on in the dev profile). */
        @WithDefault("false")
        boolean enabled();

        /** Where the embedded PostgreSQL keeps its data when no quarkus.datasource.jdbc.url is set. */
        @WithDefault(EmbeddedDatabase.DEFAULT_DIR)
        String dir();
    }

    interface Idempotency {
        /** How long a stored first response is replayed. */
        @WithDefault("PT24H")
        Duration retention();
    }
}
