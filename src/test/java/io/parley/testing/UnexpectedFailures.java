package io.parley.testing;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fails any @QuarkusTest test during which the service logged an error: the generic 500 path
 * ("Unexpected failure"), Quarkus's own error page, or any ERROR of Parley's. A bug that a client's
 * request can trigger shows up here even when the test only looked at other things. A test that
 * provokes one on purpose, and asserts the answer, says so with {@link Provokes}.
 */
public class UnexpectedFailures implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    /** This test causes an unexpected failure deliberately and checks what the client gets. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Provokes {
    }

    private static final Watcher WATCHER = new Watcher();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Logger root = Logger.getLogger("");
        if (!List.of(root.getHandlers()).contains(WATCHER)) {
            root.addHandler(WATCHER); // again after each restart of the application, which replaces the handlers
        }
        WATCHER.seen.clear();
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        List<String> seen = List.copyOf(WATCHER.seen);
        WATCHER.seen.clear();
        if (!seen.isEmpty() && !context.getTestMethod().isAnnotationPresent(Provokes.class)) {
            throw new AssertionError(seen.size() + " unexpected failure(s) in the service during "
                    + context.getTestMethod().getName() + ":\n" + String.join("\n", seen));
        }
    }

    private static final class Watcher extends Handler {

        private final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()
                    && (logger.startsWith("io.parley") || logger.startsWith("io.quarkus.vertx.http"))) {
                seen.add(logger + ": " + record.getMessage() + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")"));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
