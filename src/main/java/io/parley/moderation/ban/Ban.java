package io.parley.moderation.ban;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** A ban by commenter, email address, IP address or network. */
@Entity
public class Ban extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ban_seq")
    @SequenceGenerator(name = "ban_seq", sequenceName = "ban_seq", allocationSize = 50)
    public Long id;

    /** {@code commenter}, {@code email} or {@code ip} */
    public String kind;

    public String value;

    public String reason;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;
}
