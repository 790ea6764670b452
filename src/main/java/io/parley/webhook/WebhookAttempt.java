package io.parley.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A failed try at a delivery and what the receiver answered (migrations V17, V19); the last try is also on the delivery. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id")
    public Long deliveryId;

    @Column(name = "attempted_at")
    public Instant attemptedAt;

    /** The answer's status, or null when none came (timeout, refused connection, refused address). */
    @Column(name = "status_code")
    public Integer statusCode;

    @Column(name = "duration_ms")
    public int durationMs;

    public String error;

    @Column(name = "response_excerpt")
    public String responseExcerpt;
}
