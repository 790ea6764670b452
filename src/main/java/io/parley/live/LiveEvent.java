package io.parley.live;

import java.nio.charset.StandardCharsets;

/**
 * An event as streams send it: {@code id} the same on every replica, {@code name} the SSE event
 * name (null for a thread's comment events, which arrive as messages), {@code data} its JSON.
 */
final class LiveEvent {

    private final long id;
    private final Stream stream;
    private final String articleId;
    private final String name;
    private final String data;
    private volatile byte[] frame;

    LiveEvent(long id, Stream stream, String articleId, String name, String data) {
        this.id = id;
        this.stream = stream;
        this.articleId = articleId;
        this.name = name;
        this.data = data;
    }

    /**
     * A stream's start: {@code event: ready} with the id to resume from, so a client that closes its
     * stream (a hidden tab) and opens another knows where it was even if nothing happened.
     */
    static LiveEvent ready(long id) {
        return new LiveEvent(id, null, null, "ready", "{}");
    }

    /** Tells a client to fetch again what it shows: events it should have had cannot be replayed. */
    static LiveEvent resync(long id) {
        return new LiveEvent(id, null, null, "resync", "{}");
    }

    long id() {
        return id;
    }

    Stream stream() {
        return stream;
    }

    String articleId() {
        return articleId;
    }

    String name() {
        return name;
    }

    String data() {
        return data;
    }

    /** The event as the wire carries it, rendered once for all the streams that get it (data is one line of JSON). */
    byte[] frame() {
        byte[] rendered = frame;
        if (rendered == null) {
            frame = rendered = ("id: " + id + "\n" + (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return rendered;
    }
}
