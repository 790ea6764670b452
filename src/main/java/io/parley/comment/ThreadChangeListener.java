package io.parley.comment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the database's thread-change notifications (migration V9) on a connection of its own and
 * evicts the article from this replica's ThreadCache. While the connection is down the cache is
 * emptied, so a missed notification never leaves a stale page beyond the cache's time to live.
 */
@ApplicationScoped
public class ThreadChangeListener {

    private static final Logger LOG = Logger.getLogger(ThreadChangeListener.class);
    static final String CHANNEL = "parley_thread";

    private final ThreadCache cache;
    private final String url;
    private final String user;
    private final String password;
    private volatile boolean running;
    private Thread thread;

    ThreadChangeListener(ThreadCache cache, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.cache = cache;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "parley-thread-changes");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                cache.evictAll(); // whatever changed while we were not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            cache.evict(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                cache.evictAll();
                if (running) {
                    LOG.warnf("thread-change notifications interrupted (%s); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
