import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live streams at scale (bench/live.sh): opens STREAMS server-sent event streams on replica B, each
 * from its own client address (X-Forwarded-For through the trusted proxy), reports B's RSS before and
 * after, then approves APPROVALS comments through replica A and times each event's arrival at every
 * stream. As many approvals before those are not timed: they warm up the fan-out (the JIT compiles
 * its path during the first events, as it does any other path the service's warm-ups exercise). With
 * HOLD it keeps the streams open until killed (for reads and writes measured meanwhile).
 *
 * java -cp CLASSPATH bench/LiveBench.java B_URL A_URL B_PID STREAMS APPROVALS TOKEN [hold]
 */
public class LiveBench {

    static final String ARTICLE = "bench-live";

    public static void main(String[] args) throws Exception {
        URI b = URI.create(args[0]);
        URI a = URI.create(args[1]);
        long pid = Long.parseLong(args[2]);
        int streams = Integer.parseInt(args[3]);
        int approvals = Integer.parseInt(args[4]);
        String token = args[5];
        boolean hold = args.length > 6 && args[6].equals("hold");

        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long[] posted = new long[2 * approvals]; // the warm-up's, then the timed ones
        for (int i = 0; i < posted.length; i++) { // held comments (a guest's first), approved one by one below
            String body = "{\"body\":\"Live bench comment " + i + ".\",\"articleUrl\":\"http://localhost:8080/news/" + ARTICLE
                    + "\",\"author\":{\"name\":\"Bench " + i + "\",\"email\":\"live" + i + "-" + System.nanoTime() + "@example.com\"}}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(a.resolve("/api/v1/articles/" + ARTICLE + "/comments"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", "198.18.0." + (1 + i % 250))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("comment refused: " + r.statusCode() + " " + r.body());
            }
            posted[i] = Long.parseLong(r.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        }
        long[] ids = Arrays.copyOfRange(posted, approvals, posted.length);

        System.gc();
        long before = rssKb(pid);
        // a loop per core, as the replica has: one loop reading 10,000 sockets in turn would time itself
        int loops = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(b.getHost()).setDefaultPort(b.getPort())
                .setKeepAlive(true).setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(streams + 10));
        // streams spread over the loops: requests made from one thread would all share its one context
        Context[] contexts = new Context[loops];
        for (int i = 0; i < contexts.length; i++) {
            int k = i;
            Thread maker = new Thread(() -> contexts[k] = vertx.getOrCreateContext());
            maker.start();
            maker.join();
        }
        long[] sentAt = new long[approvals];
        long[] answeredAt = new long[approvals];
        AtomicLongArray arrival = new AtomicLongArray(approvals * streams);
        AtomicInteger received = new AtomicInteger();
        CountDownLatch open = new CountDownLatch(streams);
        AtomicInteger failed = new AtomicInteger();
        for (int s = 0; s < streams; s++) {
            int stream = s;
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/articles/" + ARTICLE + "/events")
                    .putHeader("Accept", "text/event-stream")
                    .putHeader("X-Forwarded-For", "10." + (s >> 16 & 255) + "." + (s >> 8 & 255) + "." + (s & 255));
            contexts[s % contexts.length].runOnContext(v -> client.request(options).compose(request -> request.send()).onComplete(result -> {
                if (result.failed() || result.result().statusCode() != 200) {
                    failed.incrementAndGet();
                    open.countDown();
                    return;
                }
                open.countDown();
                result.result().handler(chunk -> onChunk(chunk, stream, streams, ids, sentAt, arrival, received));
            }));
        }
        if (!open.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("streams not open after 300 s: " + open.getCount() + " waiting");
        }
        Thread.sleep(2_000);
        System.gc();
        long after = rssKb(pid);
        System.out.printf("streams: %d open (%d refused); replica B RSS %d MB before, %d MB after: %.1f KB per stream%n",
                streams - failed.get(), failed.get(), before / 1024, after / 1024, (after - before) / (double) Math.max(1, streams - failed.get()));

        for (int i = 0; i < approvals; i++) {
            approve(http, a, token, posted[i]);
            Thread.sleep(250);
        }
        Thread.sleep(2_000);
        for (int i = 0; i < approvals; i++) {
            sentAt[i] = System.nanoTime();
            approve(http, a, token, ids[i]);
            answeredAt[i] = System.nanoTime();
            Thread.sleep(250);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int expected = approvals * (streams - failed.get());
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // from the approval request's start (its own handling included), and from its answer (committed)
        long[] fromRequest = new long[received.get()];
        long[] fromAnswer = new long[received.get()];
        int n = 0;
        for (int i = 0; i < arrival.length() && n < fromRequest.length; i++) {
            if (arrival.get(i) > 0) {
                fromRequest[n] = arrival.get(i) - sentAt[i / streams];
                fromAnswer[n++] = Math.max(0, arrival.get(i) - answeredAt[i / streams]);
            }
        }
        Arrays.sort(fromRequest, 0, n);
        Arrays.sort(fromAnswer, 0, n);
        System.out.printf("approval on A to event on B at %d streams, from the request: p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " from its answer: p50 %.1f ms, p99 %.1f ms; %d of %d events arrived%n",
                streams - failed.get(), at(fromRequest, n, 0.50), at(fromRequest, n, 0.99), n == 0 ? 0 : fromRequest[n - 1] / 1e6,
                at(fromAnswer, n, 0.50), at(fromAnswer, n, 0.99), n, expected);
        if (hold) {
            System.out.println("holding the streams open");
            Thread.sleep(Long.MAX_VALUE);
        }
        vertx.close();
    }

    static void approve(java.net.http.HttpClient http, URI a, String token, long id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(a.resolve("/admin/v1/comments/" + id + "/decisions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"approve\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("approval refused: " + r.statusCode() + " " + r.body());
        }
    }

    /** Finds each approved comment's event in a chunk (events are small: a chunk holds whole ones). */
    static void onChunk(Buffer chunk, int stream, int streams, long[] ids, long[] sentAt, AtomicLongArray arrival, AtomicInteger received) {
        long now = System.nanoTime();
        String text = chunk.toString();
        // "data:" may or may not be followed by a space (both are SSE)
        for (int at = text.indexOf("{\"id\":"); at >= 0; at = text.indexOf("{\"id\":", at + 1)) {
            int start = at + "{\"id\":".length();
            int end = start;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            long id = Long.parseLong(text.substring(start, end));
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == id && sentAt[i] > 0 && arrival.compareAndSet(i * streams + stream, 0, now)) {
                    received.incrementAndGet();
                }
            }
        }
    }

    static double at(long[] sorted, int n, double quantile) {
        return n == 0 ? 0 : sorted[Math.min(n - 1, (int) Math.ceil(quantile * n) - 1)] / 1e6;
    }

    static long rssKb(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }
}
