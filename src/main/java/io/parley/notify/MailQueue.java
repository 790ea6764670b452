package io.parley.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.json.JsonText;
import io.parley.common.outbox.OutboxWorkers;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Map;

/**
 * Mail to send, written in the caller's transaction (migration V18): rendered now, from templates
 * with a text and an HTML variant ({@code mail/NAME.txt} and {@code mail/NAME.html}, where Qute
 * escapes everything readers wrote), and sent by {@link MailSender} once the transaction commits.
 */
@ApplicationScoped
public class MailQueue {

    private static final Variant TEXT = Variant.forContentType(Variant.TEXT_PLAIN);
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final OutboxWorkers workers;

    MailQueue(EntityManager em, ObjectMapper json, Clock clock, OutboxWorkers workers) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.workers = workers;
    }

    /** @param headers extra headers, such as List-Unsubscribe */
    public void enqueue(String kind, String to, String subject, TemplateInstance body, Map<String, String> headers) {
        String text = body.setAttribute(TemplateInstance.SELECTED_VARIANT, TEXT).render();
        String html = body.setAttribute(TemplateInstance.SELECTED_VARIANT, HTML).render();
        em.createNativeQuery("""
                        insert into outgoing_mail (kind, to_address, subject, text_body, html_body, headers, status, next_attempt_at, created_at)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), 'pending', ?7, ?7)""")
                .setParameter(1, kind).setParameter(2, to).setParameter(3, subject).setParameter(4, text).setParameter(5, html)
                .setParameter(6, JsonText.of(json, headers)).setParameter(7, clock.instant())
                .executeUpdate();
        workers.wakeAfterCommit(MailSender.class);
    }
}
