package io.parley.portability;

import io.parley.common.ParleyConfig;
import io.parley.common.RandomTokens;
import io.parley.common.Sha256;
import io.parley.notify.MailQueue;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guest's own requests for their data or its erasure: the address is proved by a link mailed to
 * it, which works once within 48 hours. The answer to a request never says whether Parley knows the
 * address; only a known one gets mail, at most one every ten minutes.
 */
@ApplicationScoped
public class PrivacyRequests {

    static final Duration LINK_LIFETIME = Duration.ofHours(48);
    static final Duration MAIL_INTERVAL = Duration.ofMinutes(10);

    /** A request whose link was followed. */
    public record Request(long id, String email, boolean erasure) {
    }

    @CheckedTemplate(basePath = "privacy")
    static final class Templates {
        private Templates() {
        }

        static native TemplateInstance mail(String site, String email, boolean erasure, String link, long hours);

        static native TemplateInstance ask(String email, boolean erasure, String action);

        static native TemplateInstance erased(String email, int comments);

        static native TemplateInstance linkInvalid();
    }

    private final EntityManager em;
    private final MailQueue mail;
    private final ParleyConfig config;
    private final Clock clock;

    PrivacyRequests(EntityManager em, MailQueue mail, ParleyConfig config, Clock clock) {
        this.em = em;
        this.mail = mail;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public void request(String email, boolean erasure) {
        Instant now = clock.instant();
        String address = email.strip();
        if (Sql.count(em, "select count(*) from privacy_request where lower(email) = lower(?1) and created_at > ?2", address,
                now.minus(MAIL_INTERVAL)) > 0) {
            return;
        }
        // nothing held about the address: no mail, so that nobody makes Parley write to strangers
        if (Sql.count(em, """
                select count(*) from (select 1 from commenter where lower(email) = lower(?1)
                                      union all select 1 from subscription where lower(email) = lower(?1) limit 1) known""",
                address) == 0) {
            return;
        }
        String token = RandomTokens.urlSafe(32);
        Sql.update(em, """
                insert into privacy_request (email, kind, token_hash, created_at, expires_at) values (?1, ?2, ?3, ?4, ?5)""",
                address, erasure ? "erasure" : "access", Sha256.of(token), now, now.plus(LINK_LIFETIME));
        String site = config.publicUrl().replaceAll("^https?://", "").replaceAll("/+$", "");
        mail.enqueue("privacy", address, erasure ? "Erase your comment data?" : "Your comment data",
                Templates.mail(site, address, erasure, link(token), LINK_LIFETIME.toHours()), Map.of());
    }

    String link(String token) {
        return config.publicUrl().replaceAll("/+$", "") + "/privacy?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The request a link belongs to, while it works. */
    @Transactional
    public Optional<Request> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = Sql.rows(em, """
                select id, email, kind from privacy_request where token_hash = ?1 and used_at is null and expires_at > ?2""",
                Sha256.of(token), clock.instant());
        return rows.stream().findFirst().map(r -> new Request(((Number) r.get("id")).longValue(), (String) r.get("email"),
                "erasure".equals(r.get("kind"))));
    }

    /** Uses the link up: true only for the first caller. */
    @Transactional
    public boolean use(Request request) {
        return Sql.update(em, "update privacy_request set used_at = ?2 where id = ?1 and used_at is null", request.id(),
                clock.instant()) == 1;
    }
}
