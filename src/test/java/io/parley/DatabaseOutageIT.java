package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.common.db.EmbeddedDatabase;
import io.parley.testing.AdminTokens;
import io.parley.testing.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL crashes under a write load and comes back: while it is gone every answer is a 503
 * problem with Retry-After and readiness is DOWN, never a 500; every comment acknowledged with 201
 * survives; and comments are accepted again within seconds of PostgreSQL's return, without a restart.
 */
class DatabaseOutageIT {

    private static final int CLIENTS = 4;

    private record Answer(long sentNanos, int status, long commentId, String contentType, String retryAfter) {
    }

    @Test
    void aCrashedDatabaseMeans503sThenRecoveryWithNothingAcknowledgedLost() throws Exception {
        Path dataDir = Files.createTempDirectory("parley-outage-db");
        EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDir, true);
        int port = postgres.getPort();
        String url = EmbeddedDatabase.connectionProperties(postgres).get(EmbeddedDatabase.URL_KEY);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean readinessDown = new AtomicBoolean();
        long back;
        try (PackagedService service = PackagedService.on(url, "postgres", "postgres", "-Dquarkus.shutdown.delay=0s").start()) {
            service.http().header("Authorization", "Bearer " + AdminTokens.admin())
                    .body(Map.of("floodIntervalSeconds", 0)).put("/admin/v1/settings").then().statusCode(200);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> post(service, stop, sequence, answers));
            }
            clients.submit(() -> {
                while (!stop.get()) {
                    readinessDown.compareAndSet(false, service.http().get("/q/health/ready").statusCode() == 503);
                    sleep(100);
                }
            });
            Thread.sleep(2_000);
            crash(dataDir);
            Thread.sleep(1_000);
            readersAndModeratorsGet503s(service);
            Thread.sleep(2_000);
            boolean downDuringOutage = readinessDown.get();
            postgres.close(); // lets go of the data directory's lock; the server itself is gone already
            postgres = EmbeddedDatabase.start(dataDir, true, port);
            back = System.nanoTime();
            Thread.sleep(6_000);
            stop.set(true);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
            assertTrue(downDuringOutage, "readiness never reported DOWN while PostgreSQL was gone");
            service.http().get("/q/health/ready").then().statusCode(200);
            assertTrue(service.unexpectedFailures().isEmpty(), "the outage caused unexpected failures: " + service.unexpectedFailures());
        } finally {
            postgres.close();
        }

        List<Answer> all = List.copyOf(answers);
        List<Answer> notExpected = all.stream().filter(a -> a.status() != 201 && a.status() != 503).toList();
        assertTrue(notExpected.isEmpty(), "answers other than 201 and 503: " + notExpected);
        List<Answer> unavailable = all.stream().filter(a -> a.status() == 503).toList();
        assertFalse(unavailable.isEmpty(), "the crash went unnoticed: no 503 at all");
        assertTrue(unavailable.stream().allMatch(a -> "application/problem+json".equals(a.contentType()) && a.retryAfter() != null),
                "every 503 is a problem with Retry-After: " + unavailable);
        long firstAcceptedAfterReturn = all.stream().filter(a -> a.status() == 201 && a.sentNanos() > back)
                .mapToLong(Answer::sentNanos).min().orElseThrow(() -> new AssertionError("nothing accepted after PostgreSQL returned"));
        Duration recovery = Duration.ofNanos(firstAcceptedAfterReturn - back);
        assertTrue(recovery.compareTo(Duration.ofSeconds(5)) <= 0, "accepted again only after " + recovery);

        Set<Long> acknowledged = new HashSet<>(all.stream().filter(a -> a.status() == 201).map(Answer::commentId).toList());
        Set<Long> stored = storedCommentIds(dataDir, port);
        assertTrue(stored.containsAll(acknowledged), "acknowledged but lost: " + acknowledged.stream().filter(id -> !stored.contains(id)).toList());
        System.out.printf("database outage: %d answers, %d acknowledged (all stored), %d x 503, accepted again %d ms after PostgreSQL returned%n",
                all.size(), acknowledged.size(), unavailable.size(), recovery.toMillis());
    }

    /** Not only submissions: a thread not in the cache, the queue, a reader's login all need the database. */
    private static void readersAndModeratorsGet503s(PackagedService service) {
        Map<String, String> authorizationByPath = Map.of(
                "/api/v1/articles/elsewhere/comments", "",
                "/admin/v1/comments", "Bearer " + AdminTokens.moderator(),
                "/auth/me", "Commenter some-reader-token");
        authorizationByPath.forEach((path, authorization) -> {
            var request = service.http();
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            request.get(path).then().statusCode(503).contentType("application/problem+json").header("Retry-After", "3");
        });
    }

    private static void post(PackagedService service, AtomicBoolean stop, AtomicInteger sequence, ConcurrentLinkedQueue<Answer> answers) {
        while (!stop.get()) {
            int n = sequence.incrementAndGet();
            long sent = System.nanoTime();
            var response = service.http().body(Map.of("body", "comment number " + n, "articleUrl", "http://localhost:8080/news/outage",
                    "author", Map.of("name", "Reader " + n, "email", "reader" + n + "@example.com")))
                    .post("/api/v1/articles/outage/comments");
            long id = response.statusCode() == 201 ? response.jsonPath().getLong("id") : -1;
            answers.add(new Answer(sent, response.statusCode(), id, response.contentType(), response.header("Retry-After")));
            if (response.statusCode() == 503) {
                sleep(50);
            }
        }
    }

    /** What {@code pg_ctl stop -m immediate} does: SIGQUIT to the postmaster, which ends every backend without a checkpoint. */
    private static void crash(Path dataDir) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        assertEquals(0, new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor());
        ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }

    private static Set<Long> storedCommentIds(Path dataDir, int port) throws Exception {
        EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDir, true, port);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres");
                ResultSet rows = connection.createStatement().executeQuery("select id from comment")) {
            Set<Long> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        } finally {
            postgres.close();
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
