package io.parley.live;

/** Who an event is for: the readers of an article, or the moderators working the queue. */
enum Stream {
    ARTICLE,
    QUEUE
}
