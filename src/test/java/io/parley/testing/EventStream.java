package io.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent event stream read as a browser's EventSource reads it (fields {@code id}, {@code
 * event}, {@code data}; comment lines ignored; an id without data remembered, not dispatched).
 */
public final class EventStream implements AutoCloseable {

    /** One dispatched event; {@code name} is "message" when the server named none. */
    public record Event(String id, String name, String data) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile String lastEventId;
    private volatile boolean ended;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url}; {@code headers} in name, value pairs (Last-Event-ID, Authorization). */
    public static EventStream open(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode(), () -> "stream refused: " + response.body().toList());
            return new EventStream(response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next event, failing the test if none comes within {@code wait}. */
    public Event next(Duration wait) {
        Event event = poll(wait);
        assertNotNull(event, "no event within " + wait);
        return event;
    }

    /** The next event named {@code name}, skipping others, failing if none comes within {@code wait}. */
    public Event next(String name, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    /** The next event, or null if none comes within {@code wait}. */
    public Event poll(Duration wait) {
        try {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every event that arrives within {@code wait}. */
    public List<Event> during(Duration wait) {
        List<Event> all = new ArrayList<>();
        long until = System.nanoTime() + wait.toNanos();
        for (Event e; (e = poll(Duration.ofNanos(Math.max(1, until - System.nanoTime())))) != null; ) {
            all.add(e);
        }
        return all;
    }

    /** What an EventSource would send as Last-Event-ID if it reconnected now. */
    public String lastEventId() {
        return lastEventId;
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    if (data != null) {
                        events.add(new Event(lastEventId, name == null ? "message" : name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream, or the server ended it
        } finally {
            ended = true;
        }
    }
}
