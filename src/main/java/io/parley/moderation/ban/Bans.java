package io.parley.moderation.ban;

import io.parley.common.error.ProblemException;
import io.parley.moderation.AdminEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Who may not comment: checked on every submission and edit; an expired ban simply stops matching. */
@ApplicationScoped
public class Bans {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final EntityManager em;
    private final Clock clock;

    Bans(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Refuses a banned reader with a neutral 403 that does not say which ban or why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refuseIfBanned(Long commenterId, String email, InetAddress ip) {
        StringBuilder sql = new StringBuilder("select count(*) from ban where (expires_at is null or expires_at > :now) and (false");
        if (commenterId != null) {
            sql.append(" or (kind = 'commenter' and value = :commenter)");
        }
        if (email != null) {
            sql.append(" or (kind = 'email' and lower(value) = :email)");
        }
        if (ip != null) {
            sql.append(" or (kind = 'ip' and network >>= cast(:ip as inet))");
        }
        var query = em.createNativeQuery(sql.append(")").toString()).setParameter("now", clock.instant());
        if (commenterId != null) {
            query.setParameter("commenter", commenterId.toString());
        }
        if (email != null) {
            query.setParameter("email", email.toLowerCase(Locale.ROOT));
        }
        if (ip != null) {
            query.setParameter("ip", ip.getHostAddress());
        }
        if (((Number) query.getSingleResult()).longValue() > 0) {
            throw ProblemException.forbidden("Not allowed", "You cannot comment here.");
        }
    }

    @Transactional
    public BanView create(NewBan request, String actor) {
        Instant now = clock.instant();
        String value = checkedValue(request);
        Ban ban = new Ban();
        ban.kind = request.kind().name().toLowerCase(Locale.ROOT);
        ban.value = value;
        ban.reason = request.reason();
        ban.expiresAt = request.expiresAt();
        ban.createdAt = now;
        ban.createdBy = actor;
        ban.persist();
        if (request.kind() == NewBan.BanKind.IP) {
            em.flush();
            em.createNativeQuery("update ban set network = cast(?1 as inet) where id = ?2")
                    .setParameter(1, value).setParameter(2, ban.id).executeUpdate();
        }
        if (request.kind() == NewBan.BanKind.COMMENTER) {
            // a banned reader's logins end now, not when their tokens expire
            em.createNativeQuery("update commenter_session set revoked_at = ?1 where commenter_id = ?2 and revoked_at is null")
                    .setParameter(1, now).setParameter(2, Long.parseLong(value)).executeUpdate();
        }
        AdminEvent.record(actor, "ban.create", Map.of("id", ban.id, "kind", ban.kind, "value", ban.value), now);
        return BanView.of(ban, now);
    }

    @Transactional
    public List<BanView> list() {
        Instant now = clock.instant();
        return Ban.<Ban>list("order by createdAt desc, id desc").stream().map(b -> BanView.of(b, now)).toList();
    }

    @Transactional
    public void delete(long id, String actor) {
        Ban ban = Ban.findById(id);
        if (ban == null) {
            throw ProblemException.notFound("No such ban", "Ban " + id + " does not exist.");
        }
        ban.delete();
        AdminEvent.record(actor, "ban.delete", Map.of("id", id, "kind", ban.kind, "value", ban.value), clock.instant());
    }

    private static String checkedValue(NewBan request) {
        String value = request.value().strip();
        switch (request.kind()) {
            case COMMENTER -> {
                if (!value.matches("[1-9][0-9]{0,18}")) {
                    throw ProblemException.invalid("value", "must be a commenter id");
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    throw ProblemException.invalid("value", "must be an email address");
                }
            }
            case IP -> checkNetwork(value);
        }
        return value;
    }

    /** An IPv4/IPv6 address, optionally with a /prefix; parsed without any name lookup. */
    private static void checkNetwork(String value) {
        String[] parts = value.split("/", -1);
        String address = parts[0];
        boolean v4 = IPV4.matcher(address).matches();
        if (parts.length > 2 || !(v4 || IPV6.matcher(address).matches())) {
            throw ProblemException.invalid("value", "must be an IP address or a CIDR network");
        }
        try {
            InetAddress.getByName(address);
            if (parts.length == 2) {
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > (v4 ? 32 : 128)) {
                    throw new NumberFormatException();
                }
            }
        } catch (Exception e) {
            throw ProblemException.invalid("value", "must be an IP address or a CIDR network");
        }
    }
}
