package io.parley.console;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A moderator signed in to the console, known by the hash of the token in their cookie. */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    /** The identity provider's {@code sub}: the audit names the same person as their admin API tokens do. */
    public String subject;

    public String name;

    public String email;

    /** Space-separated, {@code moderator} and/or {@code admin}. */
    public String roles;

    @Column(name = "csrf_token")
    public String csrfToken;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(" ")).filter(r -> !r.isBlank()).collect(Collectors.toSet());
    }
}
