package io.parley.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.common.ParleyConfig;
import io.parley.common.db.DatabaseNotifications;
import io.parley.common.error.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * This replica's streams and what it heard on {@code parley_live}: every event is fanned out in
 * memory to the streams it concerns (no database work per stream or per event) and kept, the last
 * {@code parley.live.replay} of them, for clients that reconnect with the id of the last event they
 * saw. After a gap in notifications, nothing from before it can be replayed: every stream is told
 * to resync, and so is a client whose id is older than what this replica can replay.
 */
@ApplicationScoped
public class LiveHub implements DatabaseNotifications.Listener {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private final ParleyConfig.Live config;
    private final Map<String, Set<Subscriber>> byArticle = new ConcurrentHashMap<>();
    private final Set<Subscriber> queue = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    // how long this replica takes to write an event to all its streams, from hearing it to the last write
    private final Timer eventFanOut;
    private final Timer broadcastFanOut;

    // guarded by itself: recent events, oldest first
    private final Deque<LiveEvent> recent = new ArrayDeque<>();
    // ids above this were all heard (since the last gap); ids at or below it may have been missed
    private volatile long heardAfter = Long.MAX_VALUE;
    private volatile long latest;

    LiveHub(ObjectMapper json, AgroalDataSource dataSource, ParleyConfig config, MeterRegistry meters) {
        this.json = json;
        this.dataSource = dataSource;
        this.config = config.live();
        this.eventFanOut = fanOutTimer(meters, "event");
        this.broadcastFanOut = fanOutTimer(meters, "broadcast");
    }

    private static Timer fanOutTimer(MeterRegistry meters, String kind) {
        return Timer.builder("parley.live.fanout").tag("kind", kind).publishPercentiles(0.5, 0.99)
                .description("From an event heard (or a heartbeat or resync begun) to its last write to this replica's streams")
                .register(meters);
    }

    @Override
    public String channel() {
        return LiveChannel.CHANNEL;
    }

    @Override
    public void notified(String payload) {
        List<LiveEvent> events = parse(payload);
        synchronized (recent) {
            for (LiveEvent event : events) {
                recent.addLast(event);
                latest = Math.max(latest, event.id());
            }
            while (recent.size() > config.replay()) {
                heardAfter = Math.max(heardAfter, recent.removeFirst().id());
            }
        }
        for (LiveEvent event : events) {
            Collection<Subscriber> to = event.stream() == Stream.QUEUE ? queue : byArticle.get(event.articleId());
            if (to == null) {
                continue; // nobody reads this thread on this replica
            }
            boolean closing = "closed".equals(event.name());
            fanOut(to, eventFanOut, subscriber -> {
                boolean sent = subscriber.send(event);
                if (sent && closing) {
                    subscriber.close(); // a closed article's thread changes no more
                }
                return sent;
            });
        }
    }

    /**
     * Called when the connection dropped and again when listening resumed: what was published
     * meanwhile is unknown, so every stream resyncs, and replays start from what comes next.
     */
    @Override
    public void gap() {
        OptionalLong now = currentId();
        synchronized (recent) {
            recent.clear();
            // with the database away, nothing can be replayed until listening resumes (a gap again)
            heardAfter = now.isPresent() ? now.getAsLong() : Long.MAX_VALUE;
            latest = Math.max(latest, now.orElse(0));
        }
        LiveEvent resync = LiveEvent.resync(latest);
        all(s -> s.send(resync));
    }

    /**
     * Counts a new stream against the limits: a 429 past the client's own, a 503 past the replica's.
     * A loopback address is not one client but whatever runs on this host (a proxy that does not
     * forward the reader's address, the operator's tools): only the replica's limit applies to it.
     */
    void admit(Subscriber subscriber) {
        if (counted(subscriber.client)
                && perClient.computeIfAbsent(subscriber.client, c -> new AtomicInteger()).incrementAndGet() > config.maxStreamsPerClient()) {
            release(subscriber.client);
            throw ProblemException.busy(429, "Too many live streams",
                    "This address already holds " + config.maxStreamsPerClient() + " live streams.", 30);
        }
        if (open.incrementAndGet() > config.maxStreams()) {
            open.decrementAndGet();
            release(subscriber.client);
            throw ProblemException.busy(503, "Too many live streams",
                    "This server holds as many live streams as it can; try again later.", 30);
        }
    }

    /**
     * Adds an admitted stream and sends what it starts with: what it missed since {@code lastEventId}
     * (null for a first connection), or {@code ready}, or {@code resync} when that cannot be known.
     */
    void join(Subscriber subscriber, String lastEventId) {
        if (subscriber.articleId == null) {
            queue.add(subscriber);
        } else {
            // compute, as unsubscribe does: a set is never dropped from the map while a stream joins it
            byArticle.compute(subscriber.articleId, (a, set) -> {
                Set<Subscriber> joined = set == null ? ConcurrentHashMap.newKeySet() : set;
                joined.add(subscriber);
                return joined;
            });
        }
        Optional<List<LiveEvent>> missed = missed(subscriber, lastEventId);
        if (missed.isEmpty()) {
            subscriber.send(LiveEvent.resync(latest));
        } else if (missed.get().isEmpty()) {
            subscriber.send(LiveEvent.ready(lastEventId == null ? latest : Math.max(latest, eventId(lastEventId))));
        } else {
            missed.get().forEach(subscriber::send);
        }
    }

    /** Forgets a stream that ended (either side closed it). */
    void unsubscribe(Subscriber subscriber) {
        if (!subscriber.end()) {
            return; // ended before: counted once
        }
        if (subscriber.articleId == null) {
            queue.remove(subscriber);
        } else {
            byArticle.computeIfPresent(subscriber.articleId, (a, set) -> {
                set.remove(subscriber);
                return set.isEmpty() ? null : set;
            });
        }
        open.decrementAndGet();
        release(subscriber.client);
    }

    /** Streams open on this replica. */
    public int open() {
        return open.get();
    }

    @Scheduled(every = "${parley.live.heartbeat}", delayed = "${parley.live.heartbeat}")
    void heartbeat() {
        all(Subscriber::heartbeat);
    }

    /** What a reconnecting client missed: empty when it must resync, an empty list when it missed nothing. */
    private Optional<List<LiveEvent>> missed(Subscriber subscriber, String lastEventId) {
        if (lastEventId == null) {
            return Optional.of(List.of());
        }
        long last = eventId(lastEventId);
        List<LiveEvent> missed = new ArrayList<>();
        synchronized (recent) {
            if (last < heardAfter) {
                return Optional.empty();
            }
            for (LiveEvent event : recent) {
                if (event.id() > last && concerns(subscriber, event)) {
                    missed.add(event);
                }
            }
        }
        return Optional.of(missed);
    }

    private static boolean concerns(Subscriber subscriber, LiveEvent event) {
        return subscriber.articleId == null ? event.stream() == Stream.QUEUE
                : event.stream() == Stream.ARTICLE && subscriber.articleId.equals(event.articleId());
    }

    private static long eventId(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            return -1; // not one of ours: older than anything, so the client resyncs
        }
    }

    private static boolean counted(InetAddress client) {
        return client != null && !client.isLoopbackAddress();
    }

    private void release(InetAddress client) {
        if (!counted(client)) {
            return;
        }
        perClient.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Sends to every stream on this replica (heartbeats, resyncs). */
    private void all(Predicate<Subscriber> send) {
        List<Subscriber> everyone = new ArrayList<>(queue);
        byArticle.values().forEach(everyone::addAll);
        fanOut(everyone, broadcastFanOut, send);
    }

    /**
     * Sends to streams with one task per event loop, which writes to all of that loop's streams
     * (handing each write to its connection's loop on its own took a task and a wake-up per stream),
     * and forgets those that are gone.
     */
    private void fanOut(Collection<Subscriber> to, Timer timer, Predicate<Subscriber> send) {
        long start = System.nanoTime();
        Map<Executor, List<Subscriber>> byLoop = to.stream().collect(Collectors.groupingBy(Subscriber::loop));
        AtomicInteger loopsLeft = new AtomicInteger(byLoop.size());
        byLoop.forEach((loop, subscribers) -> loop.execute(() -> {
            for (Subscriber subscriber : subscribers) {
                if (!send.test(subscriber)) {
                    Collection<Subscriber> from = subscriber.articleId == null ? queue : byArticle.get(subscriber.articleId);
                    if (from != null) {
                        from.remove(subscriber); // its end is counted when its connection closes (unsubscribe)
                    }
                }
            }
            if (loopsLeft.decrementAndGet() == 0) {
                timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }));
    }

    private OptionalLong currentId() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select case when is_called then last_value else 0 end from live_event_seq")) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private List<LiveEvent> parse(String payload) {
        List<LiveEvent> events = new ArrayList<>();
        try {
            for (JsonNode e : json.readTree(payload)) {
                events.add(new LiveEvent(e.path("id").asLong(), Stream.valueOf(e.path("stream").asText()), e.path("articleId").asText(null),
                        e.path("name").isTextual() ? e.path("name").asText() : null, json.writeValueAsString(e.path("data"))));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("a live notification was not understood (%s): %s", e.getMessage(), payload);
        }
        return events;
    }
}
