package io.parley;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as the README starts it: no database configured, so it brings its own
 * PostgreSQL, keeps the data between runs and leaves no PostgreSQL process behind when it stops.
 */
class PackagedServiceIT {

    private final Path dataDir = Files.createTempDirectory("parley-it-db");
    private final Path log = Files.createTempFile("parley-it", ".log");
    private Process service;
    private int port;

    PackagedServiceIT() throws IOException {
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        Files.deleteIfExists(log);
    }

    @Test
    void keepsCommentsAcrossRestartsAndStopsItsDatabase() throws Exception {
        start();
        String token = http().body(Map.of("body", "Survives a restart", "articleUrl", "http://localhost:8080/news/it",
                        "author", Map.of("name", "Ann", "email", "ann@example.com")))
                .post("/api/v1/articles/it/comments").then().statusCode(201).extract().path("commenterToken");
        stopGracefully();

        start();
        http().header("Authorization", "Commenter " + token).get("/api/v1/articles/it/comments").then()
                .statusCode(200)
                .body("comments[0].html", equalTo("Survives a restart"));
        stopGracefully();
    }

    private RequestSpecification http() {
        return given().baseUri("http://localhost").port(port).contentType("application/json");
    }

    private void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        service = new ProcessBuilder(List.of(java, "-Dquarkus.http.port=" + port,
                "-Dparley.embedded-db.dir=" + dataDir, "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(service.isAlive(), () -> "service exited; log: " + read(log));
            try {
                if (http().get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("service not ready in 120 s; log: " + read(log));
    }

    /** SIGTERM, as Kubernetes and Ctrl-C send; the service must exit by itself and take PostgreSQL with it. */
    private void stopGracefully() throws Exception {
        service.destroy();
        assertTrue(service.waitFor(60, TimeUnit.SECONDS), "service did not exit after SIGTERM");
        assertEquals(0, postgresProcessesOf(dataDir), "PostgreSQL processes left running on " + dataDir);
        assertTrue(!Files.exists(dataDir.resolve("postmaster.pid")), "PostgreSQL did not shut down cleanly");
    }

    private static long postgresProcessesOf(Path dataDir) {
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("postgres") && cmd.contains(dir)).orElse(false))
                .count();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
