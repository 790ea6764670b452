package io.parley.portability;

import io.parley.comment.ThreadCache;
import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import io.parley.moderation.AdminEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A person's data (GDPR Art. 15) and its erasure (Art. 17). A person is a set of commenter accounts
 * and a set of email addresses: asked by email, every account and comment with that address; asked
 * by account, that account and (for a moderator's request) the address it used. A reader asking for
 * themselves with their token gets their account only: a token proves the browser, not the address.
 */
@ApplicationScoped
public class People {

    /** Who is asked about: accounts and addresses (lower-cased). */
    public record Person(Set<Long> commenterIds, Set<String> emails) {
    }

    private final EntityManager em;
    private final ParleyConfig config;
    private final Clock clock;
    private final ThreadCache threadCache;

    People(EntityManager em, ParleyConfig config, Clock clock, ThreadCache threadCache) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.threadCache = threadCache;
    }

    /** By address: every account that used it; by account: that one, with its address when {@code withEmail}. */
    @Transactional
    public Person find(String email, Long commenterId, boolean withEmail) {
        Set<Long> ids = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        if (email != null && !email.isBlank()) {
            emails.add(email.strip().toLowerCase(Locale.ROOT));
            Sql.<Number>column(em, "select id from commenter where lower(email) = ?1", emails.iterator().next()).forEach(id -> ids.add(id.longValue()));
        }
        if (commenterId != null) {
            if (Sql.count(em, "select count(*) from commenter where id = ?1", commenterId) == 0) {
                throw ProblemException.notFound("No such commenter", "Commenter " + commenterId + " does not exist.");
            }
            ids.add(commenterId);
            if (withEmail) {
                rows("select lower(email) as email from commenter where id = ?1 and email is not null", commenterId)
                        .forEach(r -> emails.add((String) r.get("email")));
            }
        }
        if (ids.isEmpty() && emails.isEmpty()) {
            throw ProblemException.invalid("email", "give an email or a commenterId");
        }
        return new Person(ids, emails);
    }

    /** Everything held about the person, with what it is for and how long it is kept. */
    @Transactional
    public Map<String, Object> data(Person person) {
        Long[] ids = person.commenterIds().toArray(Long[]::new);
        String[] emails = person.emails().toArray(String[]::new);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generatedAt", clock.instant());
        doc.put("controller", config.publicUrl());
        doc.put("subject", Map.of("commenterIds", person.commenterIds(), "emails", person.emails()));
        doc.put("processing", processing());
        doc.put("accounts", rows("""
                select id, provider, name, email, website, avatar_url as "avatarUrl", created_at as "createdAt",
                       updated_at as "updatedAt"
                from commenter where id = any(cast(?1 as bigint[])) order by id""", (Object) ids));
        List<Map<String, Object>> comments = rows("""
                select c.id, c.article_id as "articleId", a.title as "articleTitle", a.url as "articleUrl", lower(c.status) as status,
                       c.created_at as "createdAt", c.edited_at as "editedAt", c.author_name as name, c.author_email as email,
                       c.author_website as website, host(c.author_ip) as ip, c.user_agent as "userAgent", c.body,
                       c.notify as "notifyRequested", c.commenter_id as "commenterId"
                from comment c join article a on a.id = c.article_id
                where c.commenter_id = any(cast(?1 as bigint[])) or lower(c.author_email) = any(cast(?2 as text[]))
                order by c.created_at, c.id""", ids, emails);
        doc.put("comments", comments);
        doc.put("namesUsed", distinct(comments, "name"));
        doc.put("websites", distinct(comments, "website"));
        doc.put("ipAddresses", distinct(comments, "ip"));
        doc.put("userAgents", distinct(comments, "userAgent"));
        List<String> ips = distinct(comments, "ip");
        doc.put("subscriptions", rows("""
                select s.email, s.article_id as "articleId", s.comment_id as "commentId", s.status, s.created_at as "subscribedAt",
                       s.confirmed_at as "confirmedAt", s.unsubscribed_at as "unsubscribedAt"
                from subscription s where lower(s.email) = any(cast(?1 as text[])) order by s.created_at""", (Object) emails));
        doc.put("reportsMade", rows("""
                select comment_id as "commentId", reason, note, created_at as "createdAt" from comment_flag
                where reporter = any(cast(?1 as text[])) order by created_at""", (Object) reporters(person, ips)));
        doc.put("likes", rows("""
                select comment_id as "commentId", created_at as "createdAt" from comment_like
                where commenter_id = any(cast(?1 as bigint[])) order by created_at""", (Object) ids));
        doc.put("bans", rows("""
                select kind, value, reason, created_at as "createdAt", expires_at as "expiresAt" from ban
                where kind = 'commenter' and value = any(cast(?1 as text[])) or kind = 'email' and lower(value) = any(cast(?2 as text[]))
                   or kind = 'ip' and exists (select 1 from unnest(cast(?3 as inet[])) ip where network >>= ip)
                order by created_at""", person.commenterIds().stream().map(String::valueOf).toArray(String[]::new), emails,
                ips.toArray(String[]::new)));
        doc.put("sessions", rows("""
                select created_at as "createdAt", expires_at as "expiresAt", revoked_at as "revokedAt" from commenter_session
                where commenter_id = any(cast(?1 as bigint[])) order by created_at""", (Object) ids));
        doc.put("moderatorNotes", rows("""
                select text, name as "by", created_at as "createdAt" from author_note
                where commenter_id = any(cast(?1 as bigint[])) order by created_at""", (Object) ids));
        doc.put("mailSent", rows("""
                select kind, subject, status, created_at as "createdAt" from outgoing_mail
                where lower(to_address) = any(cast(?1 as text[])) order by created_at""", (Object) emails));
        return doc;
    }

    /** What erasing removed, in numbers only: the audit keeps no trace of the data. */
    public record Erased(int accounts, int comments, int subscriptions, int reports, int sessions) {
    }

    /**
     * Removes the person's data: names become "Deleted"; email, website, IP and user agent go;
     * comment bodies go (a comment with replies stays as a "deleted" placeholder, so the thread
     * survives); tokens are revoked, subscriptions and reports deleted, moderators' notes too.
     */
    @Transactional
    public Erased erase(Person person, String actor) {
        Long[] ids = person.commenterIds().toArray(Long[]::new);
        String[] emails = person.emails().toArray(String[]::new);
        Instant now = clock.instant();
        List<String> ips = Sql.column(em, """
                select distinct host(author_ip) from comment
                where (commenter_id = any(cast(?1 as bigint[])) or lower(author_email) = any(cast(?2 as text[]))) and author_ip is not null""",
                ids, emails);
        int reports = update("delete from comment_flag where reporter = any(cast(?1 as text[]))", (Object) reporters(person, ips));
        // this replica's cached pages go at commit; the others hear of it from the database (V9)
        Sql.<String>column(em, "select distinct article_id from comment where commenter_id = any(cast(?1 as bigint[]))"
                + " or lower(author_email) = any(cast(?2 as text[]))", ids, emails).forEach(threadCache::evictAfterCommit);
        int comments = update("""
                update comment set status = 'DELETED', body = null, html = null, author_name = 'Deleted', author_email = null,
                       author_website = null, author_ip = null, user_agent = null, notify = false, featured_at = null,
                       featured_by = null, pinned = false, deleted_at = coalesce(deleted_at, ?1), version = version + 1,
                       reasons = '[{"code": "ERASED", "text": "Removed at its author''s request (personal data erased)."}]'
                where commenter_id = any(cast(?2 as bigint[])) or lower(author_email) = any(cast(?3 as text[]))""", now, ids, emails);
        int accounts = update("""
                update commenter set name = 'Deleted', email = null, website = null, avatar_url = null, provider_user_id = null,
                       updated_at = ?2 where id = any(cast(?1 as bigint[]))""", ids, now);
        int sessions = update("update commenter_session set revoked_at = ?2 where commenter_id = any(cast(?1 as bigint[]))"
                + " and revoked_at is null", ids, now);
        int subscriptions = update("delete from subscription where lower(email) = any(cast(?1 as text[]))", (Object) emails);
        update("delete from author_note where commenter_id = any(cast(?1 as bigint[]))", (Object) ids);
        String[] keys = java.util.stream.Stream.concat(person.emails().stream().map(e -> "email:" + e),
                person.commenterIds().stream().map(id -> "commenter:" + id)).toArray(String[]::new);
        update("delete from author_history where author_key = any(cast(?1 as text[]))", (Object) keys);
        update("delete from import_author where author_key = any(cast(?1 as text[]))", (Object) keys);
        update("delete from outgoing_mail where lower(to_address) = any(cast(?1 as text[]))", (Object) emails);
        update("delete from privacy_request where lower(email) = any(cast(?1 as text[]))", (Object) emails);
        Erased erased = new Erased(accounts, comments, subscriptions, reports, sessions);
        AdminEvent.record(actor, "people.erase", Map.of("accounts", accounts, "comments", comments, "subscriptions", subscriptions,
                "reports", reports), now);
        return erased;
    }

    private List<Map<String, Object>> processing() {
        String ipDays = config.retention().ipAndUserAgent().toDays() + " days";
        String spamDays = config.retention().spamAndRejected().toDays() + " days";
        return List.of(
                purpose("comments", "Publishing what you wrote under the article, with the name and website you gave",
                        "consent (you posted it)", "until you or a moderator delete it; spam and rejected comments " + spamDays,
                        "readers of the article (name, website, avatar and text of published comments); moderators"),
                purpose("email", "Telling moderators who wrote a comment; the reply mails you asked for", "consent",
                        "as long as the comments it was given with", "moderators; never public"),
                purpose("ipAddresses and userAgents", "Keeping spam and abuse out", "legitimate interest", ipDays,
                        "moderators; the spam service (Akismet) when the site uses it"),
                purpose("subscriptions", "Mailing you replies or new comments", "consent (confirmed by mail)",
                        "until you unsubscribe", "nobody: mail is sent to you only"),
                purpose("reportsMade", "Moderating reported comments", "legitimate interest", "with the reported comment",
                        "moderators"),
                purpose("likes", "Counting likes on comments", "consent (you clicked it)", "with the comment", "readers see counts only"),
                purpose("bans", "Keeping abuse out", "legitimate interest", "until the ban expires", "moderators"),
                purpose("sessions", "Keeping you logged in to comment", "contract", "until the token expires or you log out",
                        "nobody"),
                purpose("moderatorNotes", "Moderators' notes on an author", "legitimate interest", "until erased", "moderators"),
                purpose("mailSent", "Delivering the mail above", "as the mail's purpose", "as the mail's purpose", "the mail provider"));
    }

    private static Map<String, Object> purpose(String category, String purpose, String legalBasis, String retention, String recipients) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("category", category);
        p.put("purpose", purpose);
        p.put("legalBasis", legalBasis);
        p.put("retention", retention);
        p.put("recipients", recipients);
        p.put("source", "you, through the comment form or a social login");
        return p;
    }

    private static String[] reporters(Person person, List<String> ips) {
        List<String> reporters = new ArrayList<>();
        person.commenterIds().forEach(id -> reporters.add("commenter:" + id));
        ips.forEach(ip -> reporters.add("ip:" + ip));
        return reporters.toArray(String[]::new);
    }

    private static List<String> distinct(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> (String) r.get(field)).filter(v -> v != null && !v.isBlank()).distinct().toList();
    }

    private List<Map<String, Object>> rows(String sql, Object... parameters) {
        return Sql.rows(em, sql, parameters);
    }

    private int update(String sql, Object... parameters) {
        return Sql.update(em, sql, parameters);
    }
}
