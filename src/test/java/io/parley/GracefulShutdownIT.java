package io.parley;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.PackagedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM under steady submissions: readiness turns DOWN at once, every request before the end of the
 * drain delay is served, and every comment acknowledged with 2xx is in the database afterwards.
 */
class GracefulShutdownIT {

    private static final Duration DRAIN_DELAY = Duration.ofSeconds(3);

    private final Path dataDir = Files.createTempDirectory("parley-shutdown-db");

    GracefulShutdownIT() throws Exception {
    }

    @AfterEach
    void removeData() throws Exception {
        PackagedService.deleteTree(dataDir);
    }

    record Attempt(long sentNanos, int status, long commentId, String error) {
    }

    @Test
    void noAcknowledgedCommentIsLostAndNoRequestFailsBeforeTheDrainEnds() throws Exception {
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean readinessWentDown = new AtomicBoolean();
        long sigtermNanos;
        try (PackagedService service = PackagedService.embedded(dataDir, "-Dquarkus.shutdown.delay=" + DRAIN_DELAY.toSeconds() + "s")
                .start()) {
            service.http().header("Authorization", "Bearer " + AdminTokens.admin())
                    .body(Map.of("floodIntervalSeconds", 0, "approvedCommentsToTrust", 0)).put("/admin/v1/settings")
                    .then().statusCode(200);
            ExecutorService clients = Executors.newFixedThreadPool(5);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        int n = sequence.incrementAndGet();
                        long sent = System.nanoTime();
                        try {
                            var response = service.http().body(Map.of("body", "steady comment " + n,
                                            "articleUrl", "http://localhost:8080/news/load",
                                            "author", Map.of("name", "Reader " + n, "email", "r" + n + "@example.com")))
                                    .post("/api/v1/articles/load/comments");
                            long id = response.statusCode() == 201 ? response.jsonPath().getLong("id") : -1;
                            attempts.add(new Attempt(sent, response.statusCode(), id, null));
                        } catch (Exception e) {
                            attempts.add(new Attempt(sent, -1, -1, e.toString()));
                            sleep(20);
                        }
                    }
                });
            }
            clients.submit(() -> {
                while (!stop.get()) {
                    try {
                        if (service.http().get("/q/health/ready").statusCode() == 503) {
                            readinessWentDown.set(true);
                        }
                    } catch (Exception serverGone) {
                        // after the drain the port closes
                    }
                    sleep(100);
                }
            });
            Thread.sleep(2_000);
            sigtermNanos = System.nanoTime();
            service.process().destroy();
            assertTrue(service.process().waitFor(60, TimeUnit.SECONDS), "service did not exit after SIGTERM");
            Thread.sleep(500);
            stop.set(true);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        }

        long drainEnd = sigtermNanos + DRAIN_DELAY.toNanos();
        List<Attempt> failedEarly = attempts.stream()
                .filter(a -> a.status() != 201 && a.sentNanos() < drainEnd - Duration.ofMillis(200).toNanos()).toList();
        assertTrue(failedEarly.isEmpty(), "requests failed before the drain delay ended: " + failedEarly);
        assertTrue(readinessWentDown.get(), "readiness never reported DOWN during the drain");
        List<Long> acknowledged = attempts.stream().filter(a -> a.status() == 201).map(Attempt::commentId).toList();
        assertTrue(acknowledged.size() > 20, "too little load to mean anything: " + acknowledged.size());

        try (PackagedService service = PackagedService.embedded(dataDir, "-Dquarkus.shutdown.delay=0s").start()) {
            for (long id : acknowledged) {
                service.http().header("Authorization", "Bearer " + AdminTokens.moderator())
                        .get("/admin/v1/comments/{id}", id).then().statusCode(200);
            }
            System.out.printf("graceful shutdown: %d comments acknowledged, all present after restart; %d requests after the drain%n",
                    acknowledged.size(), attempts.stream().filter(a -> a.sentNanos() >= drainEnd).count());
            service.terminate(Duration.ofSeconds(60));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
