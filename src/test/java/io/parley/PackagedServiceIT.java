package io.parley;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.PackagedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as an operator starts it: on an embedded PostgreSQL only when asked, keeping
 * the data between runs and leaving no PostgreSQL process behind; refusing to start without the
 * settings production needs.
 */
class PackagedServiceIT {

    private final Path dataDir = Files.createTempDirectory("parley-it-db");

    PackagedServiceIT() throws Exception {
    }

    @AfterEach
    void removeData() throws Exception {
        PackagedService.deleteTree(dataDir);
    }

    @Test
    void keepsCommentsAcrossRestartsAndStopsItsDatabase() throws Exception {
        String token;
        try (PackagedService service = PackagedService.embedded(dataDir, "-Dquarkus.shutdown.delay=0s").start()) {
            token = service.http().body(Map.of("body", "Survives a restart", "articleUrl", "http://localhost:8080/news/it",
                            "author", Map.of("name", "Ann", "email", "ann@example.com")))
                    .post("/api/v1/articles/it/comments").then().statusCode(201).extract().path("commenterToken");
            stopGracefully(service);
        }
        try (PackagedService service = PackagedService.embedded(dataDir, "-Dquarkus.shutdown.delay=0s").start()) {
            service.http().header("Authorization", "Commenter " + token).get("/api/v1/articles/it/comments").then()
                    .statusCode(200)
                    .body("comments[0].html", equalTo("Survives a restart"));
            assertTrue(service.log().contains("\"level\":\"INFO\""), "production logs are JSON lines");
            stopGracefully(service);
        }
    }

    @Test
    void productionRefusesToStartWithoutADatabaseOrJwtSettings() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process noDatabase = new ProcessBuilder(List.of(java, "-Dmp.jwt.verify.publickey.location=/keys/pub.pem",
                "-Dmp.jwt.verify.issuer=https://issuer.example", "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).start();
        String output = new String(noDatabase.getInputStream().readAllBytes());
        assertTrue(noDatabase.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, noDatabase.exitValue(), output);
        assertTrue(output.contains("QUARKUS_DATASOURCE_JDBC_URL"), output);

        Process noJwt = new ProcessBuilder(List.of(java, "-Dparley.embedded-db.enabled=true",
                "-jar", "target/quarkus-app/quarkus-run.jar")).redirectErrorStream(true).start();
        output = new String(noJwt.getInputStream().readAllBytes());
        assertTrue(noJwt.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, noJwt.exitValue(), output);
        assertTrue(output.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION") && output.contains("MP_JWT_VERIFY_ISSUER"), output);
    }

    /** SIGTERM, as Kubernetes and Ctrl-C send; the service must exit by itself and take PostgreSQL with it. */
    private void stopGracefully(PackagedService service) throws Exception {
        assertTrue(service.terminate(Duration.ofSeconds(60)), "service did not exit after SIGTERM");
        assertEquals(0, postgresProcessesOf(dataDir), "PostgreSQL processes left running on " + dataDir);
        assertTrue(!Files.exists(dataDir.resolve("postmaster.pid")), "PostgreSQL did not shut down cleanly");
    }

    private static long postgresProcessesOf(Path dataDir) {
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains("postgres") && cmd.contains(dir)).orElse(false))
                .count();
    }
}
