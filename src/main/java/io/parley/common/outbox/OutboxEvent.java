package io.parley.common.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One recorded event (migration V16); written only through {@link Outbox}. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public Long id;

    public String type;

    @Column(name = "article_id")
    public String articleId;

    @Column(name = "comment_id")
    public Long commentId;

    /** The event's JSON payload, as receivers get it under {@code data}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String data;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    /** The id receivers use to drop repeats: the same for every delivery and redelivery of this event. */
    public static String messageId(long eventId) {
        return "evt_" + eventId;
    }

    public EventType eventType() {
        return EventType.of(type).orElseThrow();
    }
}
