package io.parley.live;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * A stream written straight to its HTTP response (LiveRoute): every event's bytes are rendered
 * once and shared by all the streams that get it.
 */
final class ResponseSubscriber extends Subscriber {

    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServerResponse response;
    private final Executor loop;

    /** Made on the connection's event loop, which it keeps: writes made there need no hand-over. */
    ResponseSubscriber(String articleId, InetAddress client, HttpServerResponse response) {
        super(articleId, client);
        this.response = response;
        // each connection runs on a context of its own; what streams share is the loop beneath it
        Context context = Vertx.currentContext();
        this.loop = context instanceof ContextInternal internal ? internal.nettyEventLoop() : Runnable::run;
    }

    @Override
    Executor loop() {
        return loop;
    }

    @Override
    boolean send(LiveEvent event) {
        return write(event.frame());
    }

    @Override
    boolean heartbeat() {
        return write(HEARTBEAT);
    }

    @Override
    boolean open() {
        return !response.closed() && !response.ended();
    }

    @Override
    void close() {
        if (open()) {
            response.end();
        }
    }

    private boolean write(byte[] bytes) {
        if (!open()) {
            return false;
        }
        if (response.writeQueueFull()) {
            response.reset(); // not reading: dropped, it reconnects with Last-Event-ID
            return false;
        }
        response.write(Buffer.buffer(Unpooled.wrappedBuffer(bytes)));
        return true;
    }
}
