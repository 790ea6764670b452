package io.parley.testing;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on loopback for the whole run; the service sends to it as it would
 * to the newsroom's, and tests read what arrived. Emptied with the database before each test.
 */
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail server;
    private static int port;

    /** The mail server of this run. */
    public static GreenMail server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        // a fixed port for the run, so that a test can stop the server and start it again where the service expects it
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()), "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.from", "Parley <comments@news.example>");
    }

    /** The port the service sends to, whether the server is running or not. */
    public static int port() {
        return port;
    }

    /** Forgets every mail received so far. */
    public static void empty() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        server.stop();
    }
}
