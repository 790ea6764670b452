package io.parley.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app) started as production starts it, as a separate process,
 * trusting the test JWT key so that tests can use the admin API.
 */
public final class PackagedService implements AutoCloseable {

    private final List<String> options;
    private final Path log;
    private Process process;
    private int port;

    private PackagedService(List<String> options) throws IOException {
        this.options = options;
        this.log = Files.createTempFile("parley-service", ".log");
    }

    /** On its own embedded PostgreSQL, kept in {@code dataDir} between starts. */
    public static PackagedService embedded(Path dataDir, String... extraOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dparley.embedded-db.enabled=true", "-Dparley.embedded-db.dir=" + dataDir));
        options.addAll(List.of(extraOptions));
        return new PackagedService(options);
    }

    /** On a given PostgreSQL server. */
    public static PackagedService on(String jdbcUrl, String user, String password, String... extraOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + user, "-Dquarkus.datasource.password=" + password));
        options.addAll(List.of(extraOptions));
        return new PackagedService(options);
    }

    public PackagedService start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dmp.jwt.verify.publickey.location=" + new File("src/test/resources/jwt/dev-public.pem").getAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + AdminTokens.ISSUER));
        command.addAll(options);
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited with " + process.exitValue() + "; log: " + log());
            }
            try {
                if (http().get("/q/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (Exception notYetListening) {
                // keep waiting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("service not ready in 120 s; log: " + log());
    }

    public RequestSpecification http() {
        return given().baseUri("http://localhost").port(port).contentType("application/json");
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as Kubernetes sends it; waits for the process to exit. */
    public boolean terminate(Duration wait) throws InterruptedException {
        process.destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Errors the service logged (its JSON log lines): the generic 500 path, or any ERROR of Parley's own. */
    public List<String> unexpectedFailures() {
        return log().lines().filter(line -> line.contains("\"message\":\"Unexpected failure\"")
                || line.contains("\"level\":\"ERROR\"") && line.contains("\"loggerName\":\"io.parley")).toList();
    }

    /** Stops the service; fails the test if the service had an unexpected failure meanwhile (see UnexpectedFailures). */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        List<String> failures = unexpectedFailures();
        Files.deleteIfExists(log);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " unexpected failure(s) in the packaged service:\n" + String.join("\n", failures));
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
