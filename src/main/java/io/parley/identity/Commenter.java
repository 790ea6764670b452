package io.parley.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;

/** Someone who comments: a guest browser, or a Twitter/Facebook account. */
@Entity
public class Commenter extends PanacheEntityBase {

    public static final String GUEST = "guest";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "commenter_seq")
    @SequenceGenerator(name = "commenter_seq", sequenceName = "commenter_seq", allocationSize = 50)
    public Long id;

    /** {@code guest}, {@code twitter} or {@code facebook}. */
    public String provider;

    @Column(name = "provider_user_id")
    public String providerUserId;

    public String name;

    public String email;

    public String website;

    @Column(name = "avatar_url")
    public String avatarUrl;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isGuest() {
        return GUEST.equals(provider);
    }
}
