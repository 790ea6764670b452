package io.parley.comment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.article.Article;
import io.parley.common.ParleyConfig;
import io.parley.common.db.ById;
import io.parley.common.error.ProblemException;
import io.parley.common.outbox.EventType;
import io.parley.common.paging.Keyset;
import io.parley.common.web.ClientInfo;
import io.parley.common.web.JsonBytes;
import io.parley.identity.Commenter;
import io.parley.identity.CommenterRef;
import io.parley.moderation.Actor;
import io.parley.moderation.ModerationEvent;
import io.parley.moderation.ModerationPipeline;
import io.parley.moderation.Reason;
import io.parley.moderation.Verdict;
import io.parley.moderation.ban.Bans;
import io.parley.moderation.rules.ModerationRules;
import io.parley.spam.Akismet;
import io.parley.spam.SpamFilter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Readers' use cases: submit, read, edit and delete comments. */
@ApplicationScoped
public class CommentService {

    private final ModerationPipeline pipeline;
    private final ModerationRules rules;
    private final Bans bans;
    private final Akismet akismet;
    private final Submissions submissions;
    private final CommentViews views;
    private final ParleyConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final EntityManager em;
    private final ThreadCache threadCache;
    private final CommentEvents events;

    CommentService(ModerationPipeline pipeline, ModerationRules rules, Bans bans, Akismet akismet, Submissions submissions,
            CommentViews views, ParleyConfig config, Clock clock, ObjectMapper json, EntityManager em, ThreadCache threadCache,
            CommentEvents events) {
        this.pipeline = pipeline;
        this.rules = rules;
        this.bans = bans;
        this.akismet = akismet;
        this.submissions = submissions;
        this.views = views;
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.em = em;
        this.threadCache = threadCache;
        this.events = events;
    }

    /** The answer to a submission; {@code replayed} when an Idempotency-Key retry got the first answer again. */
    public record Submitted(CommentView comment, boolean replayed) {
    }

    /**
     * Prepares a new comment (author, sanitising, spam features, Akismet) and hands it to the group
     * commit, which decides whatever needs the database; completes once the comment is durable. A
     * guest's comment is prepared on the caller's (I/O) thread, since nothing in it blocks; an
     * account's needs the database and Akismet the network, so those are prepared on a worker.
     * No thread and no transaction is held while the batch is written.
     */
    public Uni<Submitted> submit(String articleId, NewComment request, Optional<CommenterRef> caller, ClientInfo client,
            String idempotencyKey) {
        checkAuthor(request, caller);
        boolean loggedIn = caller.isPresent() && !caller.get().isGuest();
        Uni<Submission> prepared = Uni.createFrom().item(() -> prepare(articleId, request, caller, loggedIn, client, idempotencyKey));
        return (loggedIn || akismet.enabled() ? prepared.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : prepared)
                .chain(submission -> Uni.createFrom().completionStage(submissions.submit(submission)));
    }

    private Submission prepare(String articleId, NewComment request, Optional<CommenterRef> caller, boolean loggedIn,
            ClientInfo client, String idempotencyKey) {
        String html = render(request.body()).html();
        Commenter account = loggedIn ? QuarkusTransaction.requiringNew().call(() -> Commenter.findById(caller.get().id())) : null;
        GuestAuthor guest = request.author();
        Submission submission = new Submission(articleId, request.articleUrl(), request.parentId(),
                caller.map(CommenterRef::id).orElse(null), !loggedIn, caller.isPresent(),
                loggedIn ? account.name : guest.name().strip(), loggedIn ? account.email : guest.email().strip(),
                loggedIn ? account.website : guest.website(), client, request.body(), html,
                Boolean.TRUE.equals(request.notifyByEmail()), request.notifyScope() == NewComment.NotifyScope.ARTICLE, idempotencyKey,
                idempotencyKey == null ? null : submissions.fingerprint(articleId, request, caller), Set.of(), false);
        Comment draft = submission.comment(clock.instant());
        boolean akismetSpam = akismet.enabled() && akismet.isSpam(draft, permalink(articleId, request.articleUrl())).orElse(false);
        return submission.withOutsideFacts(SpamFilter.features(draft), akismetSpam);
    }

    /** The article's address as registered, else the one the page gave. */
    private static String permalink(String articleId, String pageUrl) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Article article = Article.findById(articleId);
            return article == null || article.url == null ? pageUrl : article.url;
        });
    }

    @Transactional
    public CommentPage list(String articleId, ThreadQuery requested, Optional<CommenterRef> caller) {
        ThreadQuery query = requested.order() != null ? requested : requested.inOrder(defaultOrder(articleId));
        long viewer = caller.map(CommenterRef::id).orElse(-1L);
        List<Comment> pinned = query.after() == null ? pinnedRoots(articleId, viewer) : List.of();
        Keyset.Page<Comment> page = Keyset.page(threadRoots(articleId, query, viewer), query.limit(), query.order()::position);
        List<Comment> roots = new ArrayList<>(pinned);
        roots.addAll(page.items());
        List<Comment> members = roots.isEmpty() ? List.of() : threadMembers(articleId, roots, viewer);
        Map<Long, Commenter> authors = authorsOf(roots, members);
        Map<Long, List<Comment>> replies = members.stream().collect(Collectors.groupingBy(c -> c.parentId));
        Set<Long> liked = caller.isEmpty() ? Set.of() : likedBy(viewer, roots, members);

        List<CommentView> shown = new ArrayList<>();
        Long viewerId = caller.map(CommenterRef::id).orElse(null);
        Duration editWindow = rules.current().editWindow();
        for (Comment root : roots) {
            addInThreadOrder(root, replies, shown,
                    c -> views.view(c, authors.get(c.commenterId), viewerId, editWindow, viewerId == null ? null : liked.contains(c.id)));
        }
        return new CommentPage(articleId, approvedCount(articleId), query.order().apiName(), shown, page.nextCursor());
    }

    /** The article's own default order, else the site's. */
    private ThreadOrder defaultOrder(String articleId) {
        List<?> chosen = em.createNativeQuery("select default_sort from article where id = ?1").setParameter(1, articleId)
                .getResultList();
        String name = chosen.isEmpty() || chosen.get(0) == null ? rules.current().values().defaultSort() : (String) chosen.get(0);
        return ThreadOrder.parse(name); // settings validation keeps it to known names
    }

    /** The page every anonymous reader gets, from this replica's cache when the thread has not changed. */
    public Optional<JsonBytes> cachedPublicPage(String articleId, ThreadQuery query) {
        return threadCache.cached(articleId, query.cacheKey());
    }

    public JsonBytes publicPage(String articleId, ThreadQuery query) {
        return threadCache.page(articleId, query.cacheKey(), () -> JsonBytes.of(json, list(articleId, query, Optional.empty())));
    }

    /** An article's editors' picks, most recently featured first; the same for every reader, so cached like its pages. */
    public JsonBytes picks(String articleId) {
        return threadCache.page(articleId, "picks", () -> JsonBytes.of(json, QuarkusTransaction.requiringNew().call(() -> {
            List<Comment> featured = Comment.list("articleId = ?1 and featuredAt is not null and status = ?2 order by featuredAt desc, id",
                    articleId, CommentStatus.APPROVED);
            Map<Long, Commenter> authors = authorsOf(featured, List.of());
            Duration editWindow = rules.current().editWindow();
            List<CommentView> shown = featured.stream().limit(config.comments().maxPageSize())
                    .map(c -> views.view(c, authors.get(c.commenterId), null, editWindow, null)).toList();
            return new CommentPage(articleId, approvedCount(articleId), "picks", shown, null);
        })));
    }

    /** Where a permalink's comment is: the cursor of a page of its article that starts with the comment's thread. */
    public record Position(String articleId, long commentId, long rootId, String sort, String cursor) {
    }

    @Transactional
    public Position position(long id, String sort, Optional<CommenterRef> caller) {
        Comment comment = Comment.findById(id);
        boolean own = comment != null && caller.isPresent() && caller.get().id() == comment.commenterId;
        if (comment == null || !(comment.status == CommentStatus.APPROVED || own && comment.status != CommentStatus.REJECTED
                && comment.status != CommentStatus.DELETED)) {
            throw ProblemException.notFound("No such comment", "Comment " + id + " is not shown to readers.");
        }
        ThreadOrder order = sort == null ? defaultOrder(comment.articleId) : ThreadOrder.parse(sort);
        Comment root = comment.rootId == null ? comment : Comment.findById(comment.rootId);
        String cursor = null;
        if (!root.pinned) {
            // just before the root in this order, so that the page begins with it
            Keyset at = order.position(root);
            cursor = new Keyset(at.time(), order.descending ? at.id() + 1 : at.id() - 1).toCursor();
        }
        return new Position(comment.articleId, comment.id, root.id, order.apiName(), cursor);
    }

    @Transactional
    public CommentView edit(long id, CommentEdit request, Optional<CommenterRef> caller) {
        ModerationRules.Compiled rules = this.rules.current();
        Comment comment = ownChangeable(id, caller, rules.editWindow());
        CommentHtml.Rendered rendered = render(request.body());
        Instant now = clock.instant();
        comment.body = request.body();
        comment.html = rendered.html();
        comment.editedAt = now;
        CommentStatus before = comment.status;
        Commenter author = Commenter.findById(comment.commenterId);
        bans.refuseIfBanned(author.id, comment.authorEmail, comment.authorIp);
        ModerationPipeline.refuseBannedWords(comment.body, comment.authorName, rules);
        Article article = Article.findById(comment.articleId);
        apply(ModerationPipeline.judge(comment, article, pipeline.factsFor(comment, author, article.url), rules), comment);
        Actor self = Actor.author(comment.commenterId);
        ModerationEvent.record(comment, before, self, "edited by its author", now);
        events.changed(comment, before, EventType.COMMENT_EDITED, self.name(), null);
        return views.view(comment, author, comment.commenterId, rules.editWindow(), null);
    }

    @Transactional
    public void delete(long id, Optional<CommenterRef> caller) {
        Comment comment = ownChangeable(id, caller, rules.current().editWindow());
        CommentStatus before = comment.status;
        Instant now = clock.instant();
        comment.status = CommentStatus.DELETED;
        comment.body = null;
        comment.html = null;
        comment.deletedAt = now;
        comment.reasons = List.of(Reason.of("AUTHOR_DELETED", "Deleted by its author."));
        Actor self = Actor.author(comment.commenterId);
        ModerationEvent.record(comment, before, self, null, now);
        events.changed(comment, before, EventType.COMMENT_DELETED, self.name(), null);
    }

    @Transactional
    public CommentCounts counts(List<String> articleIds) {
        if (articleIds == null || articleIds.isEmpty()) {
            throw ProblemException.badRequest("Give at least one articleId parameter.");
        }
        if (articleIds.size() > config.comments().maxCountsPerRequest()) {
            throw ProblemException.badRequest("Ask for at most " + config.comments().maxCountsPerRequest() + " articles at once.");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        articleIds.forEach(id -> counts.put(id, 0L));
        em.createQuery("select c.articleId, count(c) from Comment c where c.articleId in ?1 and c.status = ?2 group by c.articleId",
                        Object[].class)
                .setParameter(1, counts.keySet()).setParameter(2, CommentStatus.APPROVED)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return new CommentCounts(counts);
    }

    private static void checkAuthor(NewComment request, Optional<CommenterRef> caller) {
        boolean loggedIn = caller.isPresent() && !caller.get().isGuest();
        if (loggedIn && request.author() != null) {
            throw ProblemException.invalid("author", "must not be sent when logged in: the comment is posted as your "
                    + caller.get().provider() + " account");
        }
        if (!loggedIn && request.author() == null) {
            throw ProblemException.invalid("author", "is required: give your name and email, or log in");
        }
    }

    private static CommentHtml.Rendered render(String body) {
        CommentHtml.Rendered rendered = CommentHtml.render(body);
        if (!rendered.visible()) {
            throw ProblemException.invalid("body", "must contain some text");
        }
        return rendered;
    }

    /** The author's own comment, still within the edit window and not removed by a moderator. */
    private Comment ownChangeable(long id, Optional<CommenterRef> caller, Duration window) {
        CommenterRef commenter = caller.orElseThrow(() -> ProblemException.unauthorized(
                "Only the author can change a comment; send the commenter token it was posted with."));
        Comment comment = Comment.findById(id);
        if (comment == null || comment.status == CommentStatus.DELETED) {
            throw ProblemException.notFound("No such comment", "Comment " + id + " does not exist.");
        }
        if (comment.commenterId != commenter.id()) {
            throw ProblemException.forbidden("Not your comment", "Only the author can change a comment.");
        }
        if (comment.status == CommentStatus.REJECTED) {
            throw ProblemException.conflict("Comment removed", "A moderator removed this comment; it can no longer be changed.");
        }
        if (clock.instant().isAfter(comment.createdAt.plus(window))) {
            long minutes = window.toMinutes();
            throw ProblemException.forbidden("Edit window closed", "Comments can be changed for "
                    + (minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes") : window.toSeconds() + " seconds")
                    + " after posting.");
        }
        return comment;
    }

    private static void apply(Verdict verdict, Comment comment) {
        comment.status = verdict.status();
        comment.reasons = verdict.reasons();
    }

    /**
     * Roots a reader may see: published top-level comments, the viewer's own held ones, and deleted
     * ones that still have published replies (shown as placeholders).
     */
    private static final String VISIBLE_ROOT = "c.article_id = :article and c.parent_id is null"
            + " and (c.status = 'APPROVED'"
            + "   or (c.commenter_id = :viewer and c.status in ('PENDING', 'SPAM'))"
            + "   or (c.status = 'DELETED' and exists (select 1 from comment r where r.article_id = c.article_id"
            + "       and r.root_id = c.id and r.status = 'APPROVED')))";

    /**
     * The page's roots in the query's order, pinned ones left out (the first page shows them on top).
     * Native SQL for the row-value comparison that lets an index on (article_id, key, id) drive
     * keyset paging.
     */
    @SuppressWarnings("unchecked")
    private List<Comment> threadRoots(String articleId, ThreadQuery query, long viewer) {
        ThreadOrder order = query.order();
        String direction = order.descending ? "desc" : "asc";
        String sql = "select c.* from comment c where " + VISIBLE_ROOT + " and not c.pinned"
                + (query.after() != null ? " and (" + order.sqlKey + ", c.id) " + (order.descending ? "<" : ">") + " (:afterTime, :afterId)" : "")
                + " order by " + order.sqlKey + " " + direction + ", c.id " + direction + " limit :limit";
        var q = em.createNativeQuery(sql, Comment.class)
                .setParameter("article", articleId).setParameter("viewer", viewer).setParameter("limit", query.limit() + 1);
        if (query.after() != null) {
            q.setParameter("afterTime", query.after().time()).setParameter("afterId", query.after().id());
        }
        return q.getResultList();
    }

    /** Pinned threads, most recently pinned first. */
    @SuppressWarnings("unchecked")
    private List<Comment> pinnedRoots(String articleId, long viewer) {
        return em.createNativeQuery("select c.* from comment c where " + VISIBLE_ROOT + " and c.pinned order by c.featured_at desc, c.id",
                        Comment.class)
                .setParameter("article", articleId).setParameter("viewer", viewer).getResultList();
    }

    @SuppressWarnings("unchecked")
    private Set<Long> likedBy(long viewer, List<Comment> roots, List<Comment> members) {
        Long[] ids = java.util.stream.Stream.concat(roots.stream(), members.stream()).map(c -> c.id).toArray(Long[]::new);
        List<Number> liked = em.createNativeQuery("select comment_id from comment_like where commenter_id = ?1 and comment_id = any(cast(?2 as bigint[]))")
                .setParameter(1, viewer).setParameter(2, ids).getResultList();
        return liked.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private List<Comment> threadMembers(String articleId, List<Comment> roots, long viewer) {
        return em.createNativeQuery("select c.* from comment c where c.article_id = :article and c.root_id in (:roots)"
                        + " and c.parent_id is not null"
                        + " and (c.status in ('APPROVED', 'DELETED') or (c.commenter_id = :viewer and c.status in ('PENDING', 'SPAM')))"
                        + " order by c.created_at, c.id", Comment.class)
                .setParameter("article", articleId)
                .setParameter("roots", roots.stream().map(c -> c.id).toList())
                .setParameter("viewer", viewer)
                .getResultList();
    }

    private static Map<Long, Commenter> authorsOf(List<Comment> roots, List<Comment> members) {
        List<Long> ids = new ArrayList<>();
        roots.forEach(c -> ids.add(c.commenterId));
        members.forEach(c -> ids.add(c.commenterId));
        return ById.find(Commenter.class, "commenter", ids, c -> c.id);
    }

    /** Depth-first: each reply right after its parent; a deleted comment shows only while it has visible replies. */
    private static void addInThreadOrder(Comment comment, Map<Long, List<Comment>> replies, List<CommentView> out,
            Function<Comment, CommentView> view) {
        if (comment.status == CommentStatus.DELETED && !hasVisibleReply(comment, replies)) {
            return;
        }
        out.add(view.apply(comment));
        for (Comment reply : replies.getOrDefault(comment.id, List.of())) {
            addInThreadOrder(reply, replies, out, view);
        }
    }

    private static boolean hasVisibleReply(Comment comment, Map<Long, List<Comment>> replies) {
        return replies.getOrDefault(comment.id, List.of()).stream()
                .anyMatch(r -> r.status != CommentStatus.DELETED || hasVisibleReply(r, replies));
    }

    private long approvedCount(String articleId) {
        return Comment.count("articleId = ?1 and status = ?2", articleId, CommentStatus.APPROVED);
    }
}
