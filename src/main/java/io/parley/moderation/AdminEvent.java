package io.parley.moderation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A change to the rules themselves (settings, bans), by whom: the audit trail of the admin side. */
@Entity
@Table(name = "admin_event")
public class AdminEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "admin_event_seq")
    @SequenceGenerator(name = "admin_event_seq", sequenceName = "admin_event_seq", allocationSize = 50)
    public Long id;

    public String actor;

    /** {@code settings.update}, {@code ban.create}, {@code ban.delete}, {@code spam.rebuild} */
    public String action;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;

    @Column(name = "created_at")
    public Instant createdAt;

    /** An admin event as the API shows it. */
    public record RuleChange(long id, String actor, String action, Map<String, Object> detail, Instant at) {
    }

    @jakarta.transaction.Transactional
    public static java.util.List<RuleChange> latest(int limit) {
        return AdminEvent.<AdminEvent>find("order by createdAt desc, id desc").page(0, limit).list().stream()
                .map(e -> new RuleChange(e.id, e.actor, e.action, e.detail, e.createdAt)).toList();
    }

    public static void record(String actor, String action, Map<String, Object> detail, Instant at) {
        AdminEvent event = new AdminEvent();
        event.actor = actor;
        event.action = action;
        event.detail = detail;
        event.createdAt = at;
        event.persist();
    }
}
