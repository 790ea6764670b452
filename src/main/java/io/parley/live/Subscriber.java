package io.parley.live;

import java.net.InetAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open stream: an article's ({@code articleId}) or the queue's (null). Sends never wait: a
 * client that stops reading until its connection's write queue is full is dropped (it reconnects
 * with Last-Event-ID), so a slow reader cannot make the replica hold events for it.
 */
abstract class Subscriber {

    final String articleId;
    final InetAddress client;
    private final AtomicBoolean ended = new AtomicBoolean();

    Subscriber(String articleId, InetAddress client) {
        this.articleId = articleId;
        this.client = client;
    }

    /** Where writes to this stream are cheapest: its connection's event loop, if it has one. */
    Executor loop() {
        return Runnable::run;
    }

    /** False when the stream is gone (closed, or dropped for not reading). */
    abstract boolean send(LiveEvent event);

    /** A comment line, which proxies see as traffic and clients ignore. */
    abstract boolean heartbeat();

    abstract boolean open();

    abstract void close();

    /** True the first time only: the stream's end is counted once, whoever noticed it. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }
}
