package io.parley.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** Records events in the caller's transaction (see migration V16): they exist only if it commits. */
@ApplicationScoped
public class Outbox {

    /** An event to record; {@code data} becomes its JSON payload. */
    public record Event(EventType type, String articleId, Long commentId, Object data) {
    }

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
        em.createNativeQuery("""
                        insert into outbox_event (type, article_id, comment_id, data, created_at)
                        values (?1, ?2, ?3, cast(?4 as jsonb), ?5)""")
                .setParameter(1, event.type().apiName()).setParameter(2, event.articleId())
                .setParameter(3, event.commentId()).setParameter(4, payload(event)).setParameter(5, clock.instant())
                .executeUpdate();
        workers.wakeAfterCommit(OutboxDispatcher.class);
    }

    private String payload(Event event) {
        return JsonText.of(json, event.data());
    }

    /** Events were written by a statement of the caller's own: the dispatchers wake when it commits. */
    public void written() {
        workers.wakeAfterCommit(OutboxDispatcher.class);
    }
}
