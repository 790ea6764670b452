package io.parley.live;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open stream: an article's ({@code articleId}) or the queue's (null). Sends never wait: a
 * client that stops reading until its connection's write queue is full is dropped (it reconnects
 * with Last-Event-ID), so a slow reader cannot make the replica hold events for it.
 */
final class Subscriber {

    final String articleId;
    final InetAddress client;
    private final SseEventSink sink;
    private final Sse sse;
    private final HttpServerResponse response;
    private final AtomicBoolean ended = new AtomicBoolean();

    Subscriber(String articleId, InetAddress client, SseEventSink sink, Sse sse, HttpServerResponse response) {
        this.articleId = articleId;
        this.client = client;
        this.sink = sink;
        this.sse = sse;
        this.response = response;
    }

    /** False when the stream is gone (closed, or dropped for not reading). */
    boolean send(LiveEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().id(Long.toString(event.id())).data(event.data());
        if (event.name() != null) {
            builder.name(event.name());
        }
        return send(builder.build());
    }

    /**
     * The stream's start: {@code event: ready} with the id to resume from, so a client that closes
     * its stream (a hidden tab) and opens another knows where it was even if nothing happened.
     */
    boolean ready(long id) {
        return send(sse.newEventBuilder().id(Long.toString(id)).name("ready").data("{}").build());
    }

    /** Tells the client to fetch again what it shows: events it should have had cannot be replayed. */
    boolean resync(long id) {
        return send(sse.newEventBuilder().id(Long.toString(id)).name("resync").data("{}").build());
    }

    boolean heartbeat() {
        return send(sse.newEventBuilder().comment("").build());
    }

    boolean open() {
        return !sink.isClosed() && !response.closed();
    }

    void close() {
        sink.close();
    }

    /** True the first time only: the stream's end is counted once, whoever noticed it. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    private boolean send(OutboundSseEvent event) {
        if (!open()) {
            return false;
        }
        if (response.writeQueueFull()) {
            close();
            return false;
        }
        sink.send(event);
        return true;
    }
}
