package io.parley.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.json.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends live events to every replica (each one's {@link LiveHub} hears them) with {@code NOTIFY
 * parley_live} inside the caller's transaction: PostgreSQL delivers a notification only when its
 * transaction commits, so an event goes out exactly when the change it tells of is done. The ids
 * come from a sequence, so every replica knows an event by the same id.
 */
@ApplicationScoped
class LiveChannel {

    static final String CHANNEL = "parley_live";

    /** PostgreSQL refuses a payload of 8,000 bytes or more: events go in several notifications. */
    static final int MAX_PAYLOAD = 7_000;

    /** An event to send: on an article's stream or the queue's ({@code articleId} is then the comment's article). */
    record Draft(Stream stream, String articleId, String name, Object data) {
    }

    /** A sent event, as notifications carry it. */
    record Sent(long id, Stream stream, String articleId, String name, Object data) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    LiveChannel(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    void send(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        List<Number> ids = em.createNativeQuery("select nextval('live_event_seq') from generate_series(1, ?1)")
                .setParameter(1, drafts.size()).getResultList();
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder("[");
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            String one = JsonText.of(json, new Sent(ids.get(i).longValue(), d.stream(), d.articleId(), d.name(), d.data()));
            if (payload.length() > 1 && payload.length() + one.length() + 1 > MAX_PAYLOAD) {
                payloads.add(payload.append(']').toString());
                payload = new StringBuilder("[");
            }
            payload.append(payload.length() > 1 ? "," : "").append(one);
        }
        payloads.add(payload.append(']').toString());
        for (String p : payloads) {
            em.createNativeQuery("select pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, p).getSingleResult();
        }
    }
}
