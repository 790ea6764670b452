package io.parley.common.outbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Records events in the caller's transaction (see migrations V16 and V32): they exist only if it
 * commits. A row holds a JSON array of {@link Entry}; a writer's batch of new comments puts all its
 * events in one row.
 */
@ApplicationScoped
public class Outbox {

    /** An event to record; {@code data} becomes its JSON payload. */
    public record Event(EventType type, String articleId, Long commentId, Object data) {
    }

    /** Events of one article or comment that share their data, as a row's JSON array holds them. */
    public record Entry(@JsonProperty("article_id") String articleId, @JsonProperty("comment_id") Long commentId, List<String> types,
            Object data) {

        /** {@code events}, which share their data (the first one's). */
        public static Entry of(List<Event> events) {
            Event first = events.get(0);
            return new Entry(first.articleId(), first.commentId(), events.stream().map(e -> e.type().apiName()).toList(), first.data());
        }
    }

    /** Events a row may hold: an event's id is its row's id times this, plus its place in the row. */
    static final int PER_ROW = 1024;

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final OutboxWorkers workers;

    Outbox(EntityManager em, ObjectMapper json, Clock clock, OutboxWorkers workers) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.workers = workers;
    }

    public void record(Event event) {
        record(List.of(event));
    }

    /** Events of one change to one article or comment, which share their data (the first one's): one row. */
    public void record(List<Event> events) {
        em.createNativeQuery("insert into outbox_event (events, created_at) values (cast(?1 as jsonb), ?2)")
                .setParameter(1, rows(List.of(Entry.of(events)))[0]).setParameter(2, clock.instant())
                .executeUpdate();
        workers.wakeAfterCommit(OutboxDispatcher.class);
    }

    /** The JSON of the rows that hold {@code entries}: one unless they are more than a row can hold. */
    public String[] rows(List<Entry> entries) {
        List<String> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        int events = 0;
        for (Entry entry : entries) {
            if (events + entry.types().size() > PER_ROW) {
                rows.add(JsonText.of(json, row));
                row = new ArrayList<>();
                events = 0;
            }
            row.add(entry);
            events += entry.types().size();
        }
        if (!row.isEmpty()) {
            rows.add(JsonText.of(json, row));
        }
        return rows.toArray(String[]::new);
    }

    /** Events were written by a statement of the caller's own: the dispatchers wake when it commits. */
    public void written() {
        workers.wakeAfterCommit(OutboxDispatcher.class);
    }
}
