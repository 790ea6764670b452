package io.parley.webhook;

import io.parley.common.outbox.OutboxEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event for one endpoint, with the body every attempt sends (migration V17); written by {@link WebhookFanOut}. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    public Long id;

    @Column(name = "endpoint_id")
    public Long endpointId;

    @Column(name = "event_id")
    public Long eventId;

    public String type;

    public String body;

    /** {@link #PENDING}, {@link #SUCCEEDED} or {@link #FAILED}. */
    public String status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_duration_ms")
    public Integer lastDurationMs;

    @Column(name = "last_excerpt")
    public String lastExcerpt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The {@code webhook-id} header: the event's id, the same for every endpoint and every retry. */
    public String messageId() {
        return OutboxEvent.messageId(eventId);
    }
}
