package io.parley.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The replica's one {@code LISTEN} connection, outside the pool: PostgreSQL's {@code NOTIFY} is how
 * replicas hear what the others committed. Each {@link Listener} bean names its channel. When the
 * connection drops, notifications are lost, so every listener is told of the gap (once when it
 * happens and once when listening resumes) and catches up its own way.
 */
@ApplicationScoped
public class DatabaseNotifications {

    /** Hears one channel. Called on this class's thread: hand slow work elsewhere. */
    public interface Listener {
        String channel();

        void notified(String payload);

        /** Notifications may have been missed (the connection dropped, or listening just began). */
        void gap();
    }

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);
    static final long SOON_MS = 20;

    private final Map<String, List<Listener>> byChannel;
    private final AgroalDataSource dataSource;
    private final Set<String> soon = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "parley-notify");
        thread.setDaemon(true);
        return thread;
    });
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    DatabaseNotifications(@All List<Listener> listeners, AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.byChannel = listeners.stream().collect(Collectors.groupingBy(Listener::channel));
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "parley-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        sender.shutdownNow();
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Tells every replica's listeners of {@code channel} the {@code payload}, within about {@link #SOON_MS} ms, on a
     * connection of its own: calls with the same payload in the meantime share one notification. A NOTIFY inside a busy
     * writer's transaction would serialise its commits (PostgreSQL holds a database-wide lock from a
     * notifying transaction's pre-commit until it has committed); sent after commit, it costs them
     * nothing. Listeners also poll, so a notification lost here only delays them.
     */
    public void notifySoon(String channel, String payload) {
        String key = channel + ':' + payload;
        if (running && soon.add(key)) {
            sender.schedule(() -> send(key, channel, payload), SOON_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void send(String key, String channel, String payload) {
        soon.remove(key);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select pg_notify(?, ?)")) {
            statement.setString(1, channel);
            statement.setString(2, payload);
            statement.execute();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("NOTIFY %s not sent (%s); listeners will poll", channel, e.getMessage());
        }
    }

    private void listen() {
        long backoff = 250;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                for (String channel : byChannel.keySet()) {
                    statement.execute("LISTEN " + channel);
                }
                backoff = 250;
                all(Listener::gap);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    for (PGNotification notification : notifications == null || !running ? new PGNotification[0] : notifications) {
                        List<Listener> hearing = byChannel.getOrDefault(notification.getName(), List.of());
                        safely(hearing, listener -> listener.notified(notification.getParameter()));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return; // shutting down: the listeners' beans may be gone already
                }
                all(Listener::gap);
                LOG.warnf("database notifications interrupted (%s); reconnecting in %d ms", e.getMessage(), backoff);
                pause(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void all(Consumer<Listener> action) {
        byChannel.values().forEach(listeners -> safely(listeners, action));
    }

    /** A failing listener is logged and does not cost the others their notification. */
    private static void safely(List<Listener> listeners, Consumer<Listener> action) {
        for (Listener listener : listeners) {
            try {
                action.accept(listener);
            } catch (RuntimeException e) {
                LOG.errorf(e, "the listener of %s failed", listener.channel());
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
