package io.parley.moderation.ban;

import io.parley.common.db.RoundTrip;
import io.parley.common.error.ProblemException;
import io.parley.moderation.AdminEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** Who is commenting: the account (null for a new guest), the email address and the client address. */
    public record Who(Long commenterId, String email, InetAddress ip) {
    }

    /** Refuses a banned reader with a neutral 403 that does not say which ban or why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refuseIfBanned(Long commenterId, String email, InetAddress ip) {
        if (!banned(List.of(new Who(commenterId, email, ip))).isEmpty()) {
            throw refusal();
        }
    }

    public static ProblemException refusal() {
        return ProblemException.forbidden("Not allowed", "You cannot comment here.");
    }

    /** The positions in {@code readers} of those under a live ban, in one query however many they are. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Integer> banned(List<Who> readers) {
        return new HashSet<>(RoundTrip.one(em, bannedQuery(readers)));
    }

    /** {@link #banned}'s query, for a caller that runs it along with others. */
    public RoundTrip.Query<List<Integer>> bannedQuery(List<Who> readers) {
        String[] commenters = new String[readers.size()];
        String[] emails = new String[readers.size()];
        String[] ips = new String[readers.size()];
        for (int i = 0; i < readers.size(); i++) {
            Who who = readers.get(i);
            commenters[i] = who.commenterId() == null ? null : who.commenterId().toString();
            emails[i] = who.email() == null ? null : who.email().toLowerCase(Locale.ROOT);
            ips[i] = who.ip() == null ? null : who.ip().getHostAddress();
        }
        return RoundTrip.query("""
                        select r.n - 1 from unnest(cast(? as text[]), cast(? as text[]), cast(? as inet[]))
                            with ordinality as r(commenter, email, ip, n)
                        where exists (select 1 from ban b where (b.expires_at is null or b.expires_at > ?) and (
                            (b.kind = 'commenter' and b.value = r.commenter)
                            or (b.kind = 'email' and lower(b.value) = r.email)
                            or (b.kind = 'ip' and b.network >>= r.ip)))""", RoundTrip::positions)
                .bind(commenters).bind(emails).bind(ips).bind(clock.instant());
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

    /** Every ban, live or expired, on this commenter, these email addresses or networks holding these IPs. */
    @Transactional
    public List<BanView> affecting(long commenterId, Collection<String> emails, Collection<String> ips) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Ban> bans = em.createNativeQuery("""
                        select b.* from ban b where (b.kind = 'commenter' and b.value = ?1)
                            or (b.kind = 'email' and lower(b.value) = any(cast(?2 as text[])))
                            or (b.kind = 'ip' and b.network >>= any(cast(?3 as inet[])))
                        order by b.created_at desc""", Ban.class)
                .setParameter(1, Long.toString(commenterId))
                .setParameter(2, emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toArray(String[]::new))
                .setParameter(3, ips.toArray(String[]::new))
                .getResultList();
        return bans.stream().map(b -> BanView.of(b, now)).toList();
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
