package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.AdminTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The moderation desk under a full queue (bench/run.sh). Walks the queue by cursor, as a moderator
 * paging would, and prints where each measured page starts ({@code cursor <what> <cursor>}; bench/run.sh
 * times those pages with wrk), then times single decisions, one at a time as a moderator works them:
 * {@code queue <label> decision p50_ms p99_ms}. Each decision needs a comment of its own, which wrk
 * cannot pick.
 */
public final class QueueBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    // p99 of 300 samples is the third worst
    private static final int SAMPLES = 300;

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String token = AdminTokens.moderator();

    private QueueBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String label = args[1];
        new QueueBench(base).run(label);
    }

    private void run(String label) throws Exception {
        long pending = countPending();
        for (long depth : new long[] {500, 10_000, 50_000, 90_000}) {
            if (depth < pending - 100) {
                System.out.printf("cursor page-at-%d %s%n", depth, cursorAt(depth));
            }
        }
        decisions(label, cursorAt(Math.min(pending / 2, 20_000)));
    }

    private long countPending() throws Exception {
        return get("/admin/v1/stats").path("queue").path("pending").asLong();
    }

    /** Walks the queue 100 at a time, as far as a moderator paging would get. */
    private String cursorAt(long depth) throws Exception {
        String cursor = null;
        for (long seen = 0; seen < depth; seen += 100) {
            JsonNode page = get("/admin/v1/comments?status=pending&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            cursor = page.path("nextCursor").asText();
        }
        return cursor;
    }

    private void decisions(String label, String cursor) throws Exception {
        List<Long> ids = new ArrayList<>();
        String next = cursor;
        while (ids.size() < SAMPLES) {
            JsonNode page = get("/admin/v1/comments?status=pending&limit=100&cursor=" + next);
            page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
            next = page.path("nextCursor").asText();
        }
        double[] millis = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/admin/v1/comments/" + ids.get(i) + "/decisions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(i % 2 == 0 ? "{\"action\":\"approve\"}" : "{\"action\":\"reject\"}")));
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("decision " + response.statusCode() + ": " + response.body());
            }
        }
        print(label, "decision", millis);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void print(String label, String what, double[] millis) {
        Arrays.sort(millis);
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("p50", millis[millis.length / 2]);
        stats.put("p99", millis[(int) Math.ceil(millis.length * 0.99) - 1]);
        System.out.printf("queue %s %s %.2f %.2f%n", label, what, stats.get("p50"), stats.get("p99"));
    }
}
