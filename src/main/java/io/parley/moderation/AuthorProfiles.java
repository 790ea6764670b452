package io.parley.moderation;

import static io.parley.common.db.SqlTimes.instant;

import io.parley.common.error.ProblemException;
import io.parley.identity.Commenter;
import io.parley.moderation.ban.Bans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The author panel: who this is (for a guest, everyone who used their email address), their record,
 * latest comments and decisions, bans, others met on the same IP or email, and moderators' notes.
 */
@ApplicationScoped
public class AuthorProfiles {

    private static final int RECENT = 20;
    private static final int EXCERPT = 160;

    private final EntityManager em;
    private final AuthorHistories histories;
    private final Bans bans;
    private final Clock clock;

    AuthorProfiles(EntityManager em, AuthorHistories histories, Bans bans, Clock clock) {
        this.em = em;
        this.histories = histories;
        this.bans = bans;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public AuthorProfile profile(long commenterId) {
        Commenter author = find(commenterId);
        String email = author.email == null ? null : author.email.toLowerCase(Locale.ROOT);
        // a guest is the sum of their visits: the same email address, whatever browser it came from
        String mine = author.isGuest() && email != null ? "lower(c.author_email) = :email" : "c.commenter_id = :id";
        var recentQuery = em.createNativeQuery("""
                        select c.id, c.article_id, c.status, left(coalesce(c.body, ''), %d), c.created_at, host(c.author_ip),
                               (select e.actor from moderation_event e where e.comment_id = c.id and e.actor_kind = 'moderator'
                                order by e.created_at desc limit 1),
                               (select max(e.created_at) from moderation_event e where e.comment_id = c.id and e.actor_kind = 'moderator')
                        from comment c where %s order by c.created_at desc limit %d""".formatted(EXCERPT, mine, RECENT));
        bind(recentQuery, author, email);
        List<AuthorProfile.Recent> recent = new ArrayList<>();
        Set<String> ips = new LinkedHashSet<>();
        for (Object[] row : (List<Object[]>) recentQuery.getResultList()) {
            recent.add(new AuthorProfile.Recent(((Number) row[0]).longValue(), (String) row[1], ((String) row[2]).toLowerCase(Locale.ROOT),
                    (String) row[3], instant(row[4]), (String) row[6], instant(row[7])));
            if (row[5] != null) {
                ips.add((String) row[5]);
            }
        }
        QueueItem.AuthorHistory history = histories.of(List.of(AuthorHistories.key(author, email)))
                .getOrDefault(AuthorHistories.key(author, email), QueueItem.AuthorHistory.NONE);
        List<AuthorProfile.Note> notes = AuthorNote.<AuthorNote>list("commenterId = ?1 order by createdAt desc", commenterId).stream()
                .map(AuthorProfile.Note::of).toList();
        return new AuthorProfile(author.id, author.provider, author.name, author.email, author.avatarUrl, author.createdAt, history,
                recent, bans.affecting(author.id, email == null ? List.of() : List.of(email), ips),
                sameIp(author, email, ips), sameEmail(author, email), notes);
    }

    @Transactional
    public AuthorProfile.Note note(long commenterId, String text, Actor moderator, String name) {
        find(commenterId);
        AuthorNote note = new AuthorNote();
        note.commenterId = commenterId;
        note.moderator = moderator.name();
        note.name = name;
        note.text = text.strip();
        note.createdAt = clock.instant();
        note.persist();
        return AuthorProfile.Note.of(note);
    }

    @Transactional
    public List<AuthorProfile.Note> notes(long commenterId) {
        find(commenterId);
        return AuthorNote.<AuthorNote>list("commenterId = ?1 order by createdAt desc", commenterId).stream()
                .map(AuthorProfile.Note::of).toList();
    }

    @SuppressWarnings("unchecked")
    private List<AuthorProfile.Seen> sameIp(Commenter author, String email, Set<String> ips) {
        if (ips.isEmpty()) {
            return List.of();
        }
        String notMe = author.isGuest() && email != null ? "lower(coalesce(c.author_email, '')) <> :email" : "c.commenter_id <> :id";
        var query = em.createNativeQuery("""
                        select distinct on (c.commenter_id) c.commenter_id, c.author_name, c.author_email, host(c.author_ip)
                        from comment c where c.author_ip = any(cast(:ips as inet[])) and %s limit 20""".formatted(notMe))
                .setParameter("ips", ips.toArray(String[]::new));
        bind(query, author, email);
        return ((List<Object[]>) query.getResultList()).stream().map(AuthorProfiles::seen).toList();
    }

    /** Other accounts, or other names, that came with the same email address. */
    @SuppressWarnings("unchecked")
    private List<AuthorProfile.Seen> sameEmail(Commenter author, String email) {
        if (email == null) {
            return List.of();
        }
        // a guest is already everyone with their email: only other names count; for an account, other accounts too
        String other = author.isGuest() ? "c.author_name <> :name" : "(c.commenter_id <> :id or c.author_name <> :name)";
        var query = em.createNativeQuery("""
                        select distinct on (c.author_name) c.commenter_id, c.author_name, c.author_email, null
                        from comment c where lower(c.author_email) = :email and %s limit 20""".formatted(other))
                .setParameter("email", email).setParameter("name", String.valueOf(author.name));
        if (!author.isGuest()) {
            query.setParameter("id", author.id);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(AuthorProfiles::seen).toList();
    }

    private static AuthorProfile.Seen seen(Object[] row) {
        return new AuthorProfile.Seen(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3]);
    }

    private static void bind(jakarta.persistence.Query query, Commenter author, String email) {
        if (author.isGuest() && email != null) {
            query.setParameter("email", email);
        } else {
            query.setParameter("id", author.id);
        }
    }

    private static Commenter find(long commenterId) {
        Commenter author = Commenter.findById(commenterId);
        if (author == null) {
            throw ProblemException.notFound("No such author", "Commenter " + commenterId + " does not exist.");
        }
        return author;
    }
}
