package io.parley.live;

import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.InetAddress;

/** A stream opened through JAX-RS (the queue's, and a thread's the fast route left to the resource). */
final class SinkSubscriber extends Subscriber {

    private final SseEventSink sink;
    private final Sse sse;
    private final HttpServerResponse response;

    SinkSubscriber(String articleId, InetAddress client, SseEventSink sink, Sse sse, HttpServerResponse response) {
        super(articleId, client);
        this.sink = sink;
        this.sse = sse;
        this.response = response;
    }

    @Override
    boolean send(LiveEvent event) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().id(Long.toString(event.id())).data(event.data());
        if (event.name() != null) {
            builder.name(event.name());
        }
        return send(builder.build());
    }

    @Override
    boolean heartbeat() {
        return send(sse.newEventBuilder().comment("").build());
    }

    @Override
    boolean open() {
        return !sink.isClosed() && !response.closed();
    }

    @Override
    void close() {
        sink.close();
    }

    /**
     * One send at a time: the first one writes the response's head, and a stream's first event
     * (sent by the request's thread as it joins) may meet a broadcast from the notification thread.
     */
    private synchronized boolean send(OutboundSseEvent event) {
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
