package io.parley.console;

import io.parley.common.ParleyConfig;
import io.parley.common.RandomTokens;
import io.parley.common.Sha256;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Console sign-ins, kept by Parley rather than in quarkus-oidc's session cookie: one random token
 * per browser (its hash in the database), ended at once by logging out, valid on every replica,
 * with its own CSRF token.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** The roles that open the console, as the admin API's {@code groups} claim names them. */
    public static final Set<String> CONSOLE_ROLES = Set.of("moderator", "admin");

    private final ParleyConfig config;
    private final Clock clock;

    ConsoleSessions(ParleyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A new sign-in: the token for the cookie, and the session. */
    public record Opened(String token, ConsoleSession session) {
    }

    /** Signs a newsroom member in with the console roles among {@code groups}; the caller has checked there is one. */
    @Transactional
    public Opened open(String subject, String name, String email, Set<String> groups) {
        Set<String> roles = new TreeSet<>(groups);
        roles.retainAll(CONSOLE_ROLES);
        String token = RandomTokens.urlSafe(32);
        ConsoleSession session = new ConsoleSession();
        session.tokenHash = Sha256.of(token);
        session.subject = subject;
        session.name = name == null || name.isBlank() ? subject : name;
        session.email = email;
        session.roles = String.join(" ", roles);
        session.csrfToken = RandomTokens.urlSafe(24);
        session.createdAt = clock.instant();
        session.expiresAt = session.createdAt.plus(config.console().sessionTtl());
        session.persist();
        return new Opened(token, session);
    }

    @Transactional
    public Optional<ConsoleSession> resolve(String token) {
        return ConsoleSession.<ConsoleSession>find("tokenHash = ?1 and expiresAt > ?2", Sha256.of(token), clock.instant())
                .firstResultOptional();
    }

    /** Logging out: the token stops working on every replica at once. */
    @Transactional
    public void close(String token) {
        ConsoleSession.delete("tokenHash", (Object) Sha256.of(token));
    }

    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void forgetExpired() {
        ConsoleSession.delete("expiresAt < ?1", Instant.now(clock));
    }
}
