package io.parley.live;

/**
 * An event as streams send it: {@code id} the same on every replica, {@code name} the SSE event
 * name (null for a thread's comment events, which arrive as messages), {@code data} its JSON.
 */
record LiveEvent(long id, Stream stream, String articleId, String name, String data) {
}
