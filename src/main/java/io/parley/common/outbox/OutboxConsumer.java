package io.parley.common.outbox;

import java.util.List;

/**
 * Turns dispatched events into work of its own (a delivery per webhook endpoint, a mail to queue).
 * Called inside the dispatcher's transaction: what it writes commits with the events' dispatch, or
 * neither does and the events come again.
 */
public interface OutboxConsumer {

    void consume(List<OutboxEvent> events);
}
