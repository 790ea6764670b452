package io.parley.webhook;

import io.parley.common.ParleyConfig;
import io.parley.common.outbox.OutboxWorkers;
import io.parley.common.validation.SafeText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends due deliveries, a batch at a time and the batch's requests at once, each a POST signed as
 * Standard Webhooks says, to the address that was checked for it, within the configured timeout.
 * Any 2xx is a success; nothing else is followed (no redirects) and at most a short excerpt of the
 * answer is kept.
 */
@ApplicationScoped
class WebhookSender implements OutboxWorkers.DueWork {

    static final int BATCH = 64;
    static final int EXCERPT = 200;

    private final WebhookAttempts attempts;
    private final WebhookAddresses addresses;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient client;
    private final OutboxWorkers workers;
    private final Queue<WebhookAttempts.Due> handedOver = new ConcurrentLinkedQueue<>();

    WebhookSender(WebhookAttempts attempts, WebhookAddresses addresses, Vertx vertx, Clock clock, ParleyConfig config,
            OutboxWorkers workers) {
        this.attempts = attempts;
        this.workers = workers;
        this.addresses = addresses;
        this.vertx = vertx;
        this.clock = clock;
        this.timeout = config.webhooks().timeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000))
                .setMaxPoolSize(BATCH)
                .setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Deliveries this replica created already claimed (WebhookFanOut), sent before any others are claimed. */
    void handOver(List<WebhookAttempts.Due> born) {
        handedOver.addAll(born);
        workers.wake(WebhookSender.class);
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    public int runDue() {
        List<WebhookAttempts.Due> due = new ArrayList<>(BATCH);
        for (WebhookAttempts.Due next; due.size() < BATCH && (next = handedOver.poll()) != null; ) {
            due.add(next);
        }
        if (due.isEmpty()) {
            due = attempts.claim(BATCH);
        }
        if (due.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<WebhookAttempts.Outcome>> sent = due.stream().map(this::send).toList();
        attempts.record(due, sent.stream().map(CompletableFuture::join).toList());
        return due.size();
    }

    private CompletableFuture<WebhookAttempts.Outcome> send(WebhookAttempts.Due due) {
        long started = System.nanoTime();
        URI uri = URI.create(due.url());
        InetAddress address;
        try {
            address = addresses.resolve(uri);
        } catch (WebhookAddresses.Refused e) {
            return CompletableFuture.completedFuture(new WebhookAttempts.Outcome(null, "Not sent: " + e.getMessage() + ".", null,
                    elapsed(started), null));
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        long timestamp = clock.instant().getEpochSecond();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(port).setURI(path).setSsl(https)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Parley-Webhooks/1.0")
                .putHeader("webhook-id", due.messageId())
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", WebhookSignature.header(due.secrets(), due.messageId(), timestamp, due.body()));
        Promise<WebhookAttempts.Outcome> outcome = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        long timer = vertx.setTimer(timeout.toMillis(), t -> {
            outcome.tryComplete(new WebhookAttempts.Outcome(null, "No answer within " + timeout.toSeconds() + " s.", null,
                    elapsed(started), null));
            if (sent.get() != null) {
                sent.get().reset(); // closes the connection of an answer that is too slow
            }
        });
        client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(due.body()));
                })
                .compose(response -> excerpt(response, sent.get()).map(excerpt -> {
                    int status = response.statusCode();
                    return new WebhookAttempts.Outcome(status, status >= 200 && status < 300 ? null : "The receiver answered " + status + ".",
                            excerpt.text(), elapsed(started), retryAfter(response.getHeader("retry-after"), clock.instant()));
                }))
                .onSuccess(outcome::tryComplete)
                .onFailure(failure -> outcome.tryComplete(new WebhookAttempts.Outcome(null, "Not delivered: "
                        + SafeText.printable(String.valueOf(failure.getMessage())) + ".", null, elapsed(started), null)));
        return outcome.future().onComplete(done -> vertx.cancelTimer(timer)).toCompletionStage().toCompletableFuture();
    }

    /** The first {@link #EXCERPT} characters of the answer; a longer answer's connection is closed, the rest never read. */
    private static Future<Excerpt> excerpt(HttpClientResponse response, HttpClientRequest request) {
        Promise<Excerpt> excerpt = Promise.promise();
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            kept.appendBuffer(chunk, 0, Math.min(chunk.length(), EXCERPT * 4 - kept.length()));
            if (kept.length() >= EXCERPT * 4 && excerpt.tryComplete(new Excerpt(kept))) {
                request.reset();
            }
        });
        response.endHandler(end -> excerpt.tryComplete(new Excerpt(kept)));
        response.exceptionHandler(failure -> excerpt.tryComplete(new Excerpt(kept)));
        return excerpt.future();
    }

    private record Excerpt(Buffer bytes) {
        String text() {
            String text = SafeText.printable(new String(bytes.getBytes(), StandardCharsets.UTF_8)).strip();
            return text.isEmpty() ? null : text.length() <= EXCERPT ? text : text.substring(0, EXCERPT);
        }
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now, ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private static int elapsed(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }
}
