package io.parley.comment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.db.RoundTrip;
import io.parley.common.db.SequenceIds;
import io.parley.common.outbox.Outbox;
import io.parley.common.json.JsonText;
import io.parley.identity.Commenter;
import io.parley.identity.CommenterSession;
import io.parley.moderation.Actor;
import io.parley.moderation.ModerationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Saves a batch of new comments in one statement: the guests who wrote them, the tokens issued to
 * those guests, the comments, their articles' first comment time, each comment's first audit event (from nothing to its status, by
 * the system) and its outbox events (one outbox row for the batch). Every submission waits for the writer's transaction, so its
 * round trips are what each of them pays; through Hibernate the same rows took one statement per table and per batch
 * size, and most of the writer's CPU. Nothing reads the rows back in the transaction, so they stay
 * out of the persistence context.
 */
@ApplicationScoped
class NewCommentRows {

    /** Each parameter appears once, in the order {@link #insert} binds them. */
    private static final String INSERT = """
            with p as (select cast(? as timestamptz) as now),
            guest as (
                insert into commenter (id, provider, name, email, website, created_at, updated_at)
                select g.id, 'guest', g.name, g.email, g.website, p.now, p.now
                from p, unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as text[])) as g(id, name, email, website)
            ), session as (
                insert into commenter_session (id, commenter_id, token_hash, created_at, expires_at)
                select s.id, s.commenter_id, decode(s.token_hash, 'hex'), p.now, s.expires_at
                from p, unnest(cast(? as bigint[]), cast(? as bigint[]), cast(? as text[]), cast(? as timestamptz[]))
                     as s(id, commenter_id, token_hash, expires_at)
            ), new_comment as (
                select * from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as bigint[]), cast(? as bigint[]),
                                     cast(? as integer[]), cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                     cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as inet[]), cast(? as text[]),
                                     cast(? as boolean[]), cast(? as boolean[]), cast(? as jsonb[]), cast(? as double precision[]),
                                     cast(? as bigint[]))
                     as c(id, article_id, parent_id, root_id, depth, commenter_id, status, body, html, author_name, author_email,
                          author_website, author_ip, user_agent, notify, notify_article, reasons, spam_score, event_id)
            ), saved as (
                insert into comment (id, article_id, parent_id, root_id, depth, commenter_id, status, body, html, author_name,
                                     author_email, author_website, author_ip, user_agent, notify, notify_article, created_at, reasons,
                                     spam_score)
                select c.id, c.article_id, c.parent_id, c.root_id, c.depth, c.commenter_id, c.status, c.body, c.html, c.author_name,
                       c.author_email, c.author_website, c.author_ip, c.user_agent, c.notify, c.notify_article, p.now, c.reasons,
                       c.spam_score
                from p, new_comment c
            ), first_comment as (
                update article a set first_comment_at = p.now from p
                where a.id in (select article_id from new_comment) and a.first_comment_at is null
            ), event as (
                insert into outbox_event (events, created_at)
                select e, p.now from p, unnest(cast(? as jsonb[])) as e
            )
            insert into moderation_event (id, article_id, comment_id, actor, actor_kind, to_status, reasons, created_at)
            select c.event_id, c.article_id, c.id, ?, ?, c.status, c.reasons, p.now
            from p, new_comment c
            returning 1
            """;

    private final EntityManager em;
    private final ObjectMapper json;
    private final ThreadCache threadCache;
    private final CommentEvents events;
    private final Outbox outbox;

    NewCommentRows(EntityManager em, ObjectMapper json, ThreadCache threadCache, CommentEvents events, Outbox outbox) {
        this.em = em;
        this.json = json;
        this.threadCache = threadCache;
        this.events = events;
        this.outbox = outbox;
    }

    /**
     * The statement that saves the rows, for the caller to run with its other writes; as
     * {@link ModerationEvent#record} would, it has the articles' cached pages dropped at commit.
     *
     * @param guests commenters created by this batch, with their ids
     * @param sessions sessions of the tokens issued by this batch (ids assigned here)
     * @param comments the new comments, with everything but their ids (assigned here)
     */
    RoundTrip.Query<Integer> insert(Instant now, List<Commenter> guests, List<CommenterSession> sessions, List<Comment> comments) {
        assign(sessions, CommenterSession.class, (s, id) -> s.id = id);
        assign(comments, Comment.class, (c, id) -> c.id = id);
        Long[] eventIds = SequenceIds.next(em, ModerationEvent.class, comments.size());
        String[] outgoing = outbox.rows(comments.stream().map(c -> Outbox.Entry.of(events.created(c))).toList());
        RoundTrip.Query<Integer> insert = RoundTrip.query(INSERT, RoundTrip::count)
                .bind(now)
                .bind(column(guests, g -> g.id, Long[]::new))
                .bind(column(guests, g -> g.name, String[]::new))
                .bind(column(guests, g -> g.email, String[]::new))
                .bind(column(guests, g -> g.website, String[]::new))
                .bind(column(sessions, s -> s.id, Long[]::new))
                .bind(column(sessions, s -> s.commenter.id, Long[]::new))
                .bind(column(sessions, s -> HexFormat.of().formatHex(s.tokenHash), String[]::new))
                .bind(column(sessions, s -> s.expiresAt.toString(), String[]::new))
                .bind(column(comments, c -> c.id, Long[]::new))
                .bind(column(comments, c -> c.articleId, String[]::new))
                .bind(column(comments, c -> c.parentId, Long[]::new))
                .bind(column(comments, c -> c.rootId, Long[]::new))
                .bind(column(comments, c -> c.depth, Integer[]::new))
                .bind(column(comments, c -> c.commenterId, Long[]::new))
                .bind(column(comments, c -> c.status.name(), String[]::new))
                .bind(column(comments, c -> c.body, String[]::new))
                .bind(column(comments, c -> c.html, String[]::new))
                .bind(column(comments, c -> c.authorName, String[]::new))
                .bind(column(comments, c -> c.authorEmail, String[]::new))
                .bind(column(comments, c -> c.authorWebsite, String[]::new))
                .bind(column(comments, c -> c.authorIp == null ? null : c.authorIp.getHostAddress(), String[]::new))
                .bind(column(comments, c -> c.userAgent, String[]::new))
                .bind(column(comments, c -> c.notify, Boolean[]::new))
                .bind(column(comments, c -> c.notifyArticle, Boolean[]::new))
                .bind(column(comments, c -> JsonText.of(json, c.reasons), String[]::new))
                .bind(column(comments, c -> c.spamScore, Double[]::new))
                .bind(eventIds)
                .bind(outgoing)
                .bind(Actor.SYSTEM.name())
                .bind(Actor.SYSTEM.kindName());
        comments.stream().map(c -> c.articleId).distinct().forEach(threadCache::evictAfterCommit);
        outbox.written();
        return insert;
    }

    private static <E, T> T[] column(List<E> rows, Function<E, T> value, IntFunction<T[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    private <E> void assign(List<E> rows, Class<E> entity, BiConsumer<E, Long> setId) {
        Long[] ids = SequenceIds.next(em, entity, rows.size());
        for (int i = 0; i < ids.length; i++) {
            setId.accept(rows.get(i), ids[i]);
        }
    }
}
