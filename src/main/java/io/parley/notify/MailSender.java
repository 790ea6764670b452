package io.parley.notify;

import io.parley.common.db.AsyncCommit;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.ParleyConfig;
import io.parley.common.outbox.OutboxWorkers;
import io.parley.common.validation.SafeText;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Sends queued mail through the configured SMTP server (quarkus.mailer.*), a few at a time. A mail
 * the server does not take is tried again on the retry schedule; claiming one is a lease, so a
 * replica that dies while sending leaves it to another.
 */
@ApplicationScoped
class MailSender implements OutboxWorkers.DueWork {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private record Due(long id, String to, String subject, String text, String html, Map<String, String> headers, int attempts) {
    }

    private final ReactiveMailer mailer;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<Duration> schedule;
    private final Duration sendTimeout;

    MailSender(ReactiveMailer mailer, EntityManager em, ObjectMapper json, Clock clock, ParleyConfig config) {
        this.mailer = mailer;
        this.em = em;
        this.json = json;
        this.clock = clock;
        this.schedule = config.notifications().retrySchedule();
        this.sendTimeout = config.notifications().sendTimeout();
    }

    @Override
    public int batchSize() {
        return BATCH;
    }

    @Override
    public int runDue() {
        List<Due> due = QuarkusTransaction.requiringNew().call(this::claim);
        for (Due mail : due) {
            String error = null;
            try {
                Mail message = Mail.withText(mail.to(), mail.subject(), mail.text()).setHtml(mail.html());
                mail.headers().forEach(message::addHeader);
                mailer.send(message).await().atMost(sendTimeout);
            } catch (RuntimeException e) {
                error = SafeText.printable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                LOG.warnf("mail %d to the SMTP server failed (attempt %d): %s", mail.id(), mail.attempts() + 1, error);
            }
            String failure = error;
            QuarkusTransaction.requiringNew().run(() -> record(mail, failure));
        }
        return due.size();
    }

    @SuppressWarnings("unchecked")
    private List<Due> claim() {
        AsyncCommit.forThisTransaction(em);
        Instant now = clock.instant();
        List<Object[]> rows = em.createNativeQuery("""
                        with due as (
                            select id from outgoing_mail where status = 'pending' and next_attempt_at <= ?1
                            order by next_attempt_at limit ?2 for update skip locked
                        )
                        update outgoing_mail m set next_attempt_at = ?3 from due where m.id = due.id
                        returning m.id, m.to_address, m.subject, m.text_body, m.html_body, cast(m.headers as text), m.attempts""")
                .setParameter(1, now).setParameter(2, BATCH).setParameter(3, now.plus(LEASE)).getResultList();
        return rows.stream().map(r -> new Due(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                headers((String) r[5]), ((Number) r[6]).intValue())).toList();
    }

    private void record(Due mail, String error) {
        AsyncCommit.forThisTransaction(em);
        Instant now = clock.instant();
        int attempts = mail.attempts() + 1;
        if (error == null) {
            em.createNativeQuery("update outgoing_mail set status = 'sent', attempts = ?2, sent_at = ?3, next_attempt_at = null,"
                    + " last_error = null where id = ?1").setParameter(1, mail.id()).setParameter(2, attempts).setParameter(3, now)
                    .executeUpdate();
        } else if (attempts > schedule.size()) {
            LOG.errorf("mail %d could not be sent in %d attempts; last: %s", mail.id(), attempts, error);
            em.createNativeQuery("update outgoing_mail set status = 'failed', attempts = ?2, next_attempt_at = null, last_error = ?3"
                    + " where id = ?1").setParameter(1, mail.id()).setParameter(2, attempts).setParameter(3, error).executeUpdate();
        } else {
            em.createNativeQuery("update outgoing_mail set attempts = ?2, next_attempt_at = ?3, last_error = ?4 where id = ?1")
                    .setParameter(1, mail.id()).setParameter(2, attempts).setParameter(3, now.plus(schedule.get(attempts - 1)))
                    .setParameter(4, error).executeUpdate();
        }
    }

    private Map<String, String> headers(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (IOException e) {
            throw new UncheckedIOException("headers are JSON Parley wrote", e);
        }
    }
}
