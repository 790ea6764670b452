package io.parley.common;

import io.parley.common.db.EmbeddedDatabase;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
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

    Outbox outbox();

    Webhooks webhooks();

    Live live();

    Likes likes();

    Imports imports();

    Retention retention();

    /** {@code parley.notify.*} ({@code notify()} is Object's). */
    @WithName("notify")
    Notify notifications();

    /**
     * Where readers and moderators reach this service: the start of every link in a mail
     * (confirmation, unsubscribe, the console). Production: its https:// address. Unset, the links
     * go to this process's own port, so that a service started on another port still mails links
     * that work on this machine.
     */
    @WithDefault("http://localhost:${quarkus.http.port:8080}")
    String publicUrl();

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

    /** Events written with the changes that caused them, delivered by workers on every replica. */
    interface Outbox {
        /** How often workers look for due work when no notification woke them. */
        @WithDefault("PT2S")
        Duration pollInterval();

        /**
         * After a round of work that did not fill a batch, how long a worker lets more gather before
         * the next: fewer, fuller rounds cost the writers less (bench/README.md).
         */
        @WithDefault("PT0.05S")
        Duration linger();

        /** How long dispatched events, sent mail and finished webhook deliveries are kept. */
        @WithDefault("P7D")
        Duration retention();
    }

    /** Server-sent event streams: threads for readers, the queue for moderators. */
    interface Live {
        /** Streams one replica holds at most; beyond, a 503 that says when to try again. */
        @WithDefault("20000")
        int maxStreams();

        /** Streams one client address holds at most (tabs of one reader, or readers behind one NAT). */
        @WithDefault("16")
        int maxStreamsPerClient();

        /** A comment line this often on every stream, so proxies keep idle streams open. */
        @WithDefault("PT20S")
        Duration heartbeat();

        /** Recent events each replica keeps for clients that reconnect; older ones get a resync. */
        @WithDefault("10000")
        int replay();
    }

    /**
     * Likes one client address may give (or take back) per period, on each replica: enough for a
     * reader going through a thread, not for a script.
     */
    interface Likes {
        @WithDefault("60")
        int perClient();

        @WithDefault("PT10M")
        Duration perClientPeriod();
    }

    /** How long personal data is kept (enforced hourly by portability.Retention). */
    interface Retention {
        /** Comments' IP addresses and user agents. */
        @WithDefault("P90D")
        Duration ipAndUserAgent();

        /** Spam and rejected comments, from their last change. */
        @WithDefault("P30D")
        Duration spamAndRejected();
    }

    /** Imports of other systems' exports (WordPress WXR, Disqus XML). */
    interface Imports {
        /**
         * Where uploaded files wait for their job: a persistent (or shared) volume in production, so
         * that a job interrupted by a restart resumes.
         */
        @WithDefault("${java.io.tmpdir}/parley-imports")
        String dir();

        /** The largest upload accepted, in MiB (larger files: the command-line import). */
        @WithDefault("4096")
        long maxSizeMb();
    }

    /** Mail to readers (replies to their comments) and to moderators (alerts, digests); the server is quarkus.mailer.*. */
    interface Notify {
        /** A subscriber gets at most one mail per thread this often; replies in between are gathered into the next one. */
        @WithDefault("PT5M")
        Duration replyInterval();

        /** How long a confirmation link works. */
        @WithDefault("PT48H")
        Duration confirmationTtl();

        /** Waits between attempts at a mail the SMTP server did not take; after the last one it has failed. */
        @WithDefault("PT30S,PT2M,PT10M,PT30M,PT1H,PT2H,PT4H,PT8H")
        List<Duration> retrySchedule();

        /**
         * How long one mail may take at the SMTP server before it counts as a failed attempt: a
         * server that accepts the connection and then says nothing must not hold up all mail.
         */
        @WithDefault("PT1M")
        Duration sendTimeout();

        /** The hour (UTC) at which daily digests go out. */
        @WithDefault("7")
        int dailyDigestHour();
    }

    /** Signed webhooks (Standard Webhooks 1.0) to the newsroom's other systems. */
    interface Webhooks {
        /**
         * Delays before the second, third... attempt of a failed delivery; after the last one the
         * delivery has failed. The Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
        List<Duration> retrySchedule();

        /** How long one delivery may take before it counts as failed. */
        @WithDefault("PT15S")
        Duration timeout();

        /** An endpoint that has failed every delivery for this long is disabled and its owner told. */
        @WithDefault("P1D")
        Duration disableAfter();

        /** After a secret is rotated, deliveries are signed with the old one too for this long. */
        @WithDefault("P1D")
        Duration rotationOverlap();

        /**
         * Allow http:// URLs and addresses on loopback, private, link-local and metadata networks:
         * for a receiver on the same machine or network (tests, a local relay). Off, a URL must be
         * https:// and resolve to public addresses only, checked again at every delivery.
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();
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
