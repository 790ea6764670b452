package io.parley.comment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.article.Article;
import io.parley.article.ArticleService;
import io.parley.common.ParleyConfig;
import io.parley.common.Sha256;
import io.parley.common.error.ProblemException;
import io.parley.common.idempotency.IdempotencyKeys;
import io.parley.common.paging.Keyset;
import io.parley.common.web.ClientInfo;
import io.parley.common.web.JsonBytes;
import io.parley.identity.Commenter;
import io.parley.identity.CommenterRef;
import io.parley.identity.CommenterTokens;
import io.parley.moderation.Actor;
import io.parley.moderation.ModerationEvent;
import io.parley.moderation.ModerationPipeline;
import io.parley.moderation.Reason;
import io.parley.moderation.ban.Bans;
import io.parley.moderation.rules.ModerationRules;
import io.parley.moderation.rules.ModerationSettings;
import io.parley.common.flood.FloodGate;
import io.parley.moderation.Verdict;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/** Readers' use cases: submit, read, edit and delete comments. */
@ApplicationScoped
public class CommentService {

    private final ArticleService articles;
    private final ModerationPipeline pipeline;
    private final ModerationRules rules;
    private final Bans bans;
    private final FloodGate floodGate;
    private final CommenterTokens tokens;
    private final IdempotencyKeys idempotency;
    private final CommentViews views;
    private final ParleyConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final EntityManager em;
    private final ThreadCache threadCache;

    CommentService(ArticleService articles, ModerationPipeline pipeline, ModerationRules rules, Bans bans, FloodGate floodGate,
            CommenterTokens tokens, IdempotencyKeys idempotency, CommentViews views, ParleyConfig config, Clock clock,
            ObjectMapper json, EntityManager em, ThreadCache threadCache) {
        this.articles = articles;
        this.pipeline = pipeline;
        this.rules = rules;
        this.bans = bans;
        this.floodGate = floodGate;
        this.tokens = tokens;
        this.idempotency = idempotency;
        this.views = views;
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.em = em;
        this.threadCache = threadCache;
    }

    /** The answer to a submission; {@code replayed} when an Idempotency-Key retry got the first answer again. */
    public record Submitted(CommentView comment, boolean replayed) {
    }

    @Transactional
    public Submitted submit(String articleId, NewComment request, Optional<CommenterRef> caller, ClientInfo client,
            String idempotencyKey) {
        checkAuthor(request, caller);
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.Stored> stored = idempotency.claim(idempotencyKey, fingerprint(articleId, request, caller));
            if (stored.isPresent()) {
                return new Submitted(replay(stored.get(), caller), true);
            }
        }
        Instant now = clock.instant();
        ModerationRules.Compiled rules = this.rules.current();
        ModerationSettings settings = rules.values();
        Article article = articles.forNewComment(articleId, request.articleUrl(), now, settings.closeAfterDays());
        Commenter commenter = caller.map(ref -> Commenter.<Commenter>findById(ref.id())).orElseGet(Commenter::new);
        String email = commenter.isGuest() || commenter.id == null ? request.author().email().strip() : commenter.email;
        bans.refuseIfBanned(commenter.id, email, client.ip());
        Comment parent = request.parentId() == null ? null : replyableParent(article.id, request.parentId(), settings.maxDepth());
        CommentHtml.Rendered rendered = render(request.body());
        refuseDuplicate(article.id, request.body(), commenter.id, email);
        floodGate.pass(floodKeys(commenter.id, email, client), Duration.ofSeconds(settings.floodIntervalSeconds()));

        if (commenter.isGuest() || commenter.id == null) {
            rememberGuest(commenter, request.author(), now);
        }
        String newToken = caller.isEmpty() ? tokens.issue(commenter) : null;

        Comment comment = new Comment();
        comment.articleId = article.id;
        comment.parentId = request.parentId();
        comment.depth = parent == null ? 0 : parent.depth + 1;
        comment.commenterId = commenter.id;
        comment.body = request.body();
        comment.html = rendered.html();
        comment.authorName = commenter.name;
        comment.authorEmail = commenter.email;
        comment.authorWebsite = commenter.website;
        comment.authorIp = client.ip();
        comment.userAgent = client.userAgent();
        comment.notify = Boolean.TRUE.equals(request.notifyByEmail());
        comment.createdAt = now;
        comment.rootId = parent == null ? null : parent.rootId == null ? parent.id : parent.rootId;
        apply(pipeline.judge(comment, article, commenter, rules), comment);
        comment.persist();
        ModerationEvent.record(comment, null, Actor.SYSTEM, null, now);

        CommentView view = views.view(comment, commenter, commenter.id, rules.editWindow());
        if (idempotencyKey != null) {
            idempotency.complete(idempotencyKey, 201, toJson(view), commenter.id);
        }
        return new Submitted(view.withCommenterToken(newToken), false);
    }

    @Transactional
    public CommentPage list(String articleId, ThreadQuery query, Optional<CommenterRef> caller) {
        long viewer = caller.map(CommenterRef::id).orElse(-1L);
        Keyset.Page<Comment> page = Keyset.page(threadRoots(articleId, query, viewer), query.limit(), CommentService::keysetOf);
        List<Comment> roots = page.items();
        List<Comment> members = roots.isEmpty() ? List.of() : threadMembers(articleId, roots, viewer);
        Map<Long, Commenter> authors = authorsOf(roots, members);
        Map<Long, List<Comment>> replies = members.stream().collect(Collectors.groupingBy(c -> c.parentId));

        List<CommentView> shown = new ArrayList<>();
        Long viewerId = caller.map(CommenterRef::id).orElse(null);
        Duration editWindow = rules.current().editWindow();
        for (Comment root : roots) {
            addInThreadOrder(root, replies, shown, c -> views.view(c, authors.get(c.commenterId), viewerId, editWindow));
        }
        return new CommentPage(articleId, approvedCount(articleId), shown, page.nextCursor());
    }

    /** The page every anonymous reader gets, from this replica's cache when the thread has not changed. */
    public Optional<JsonBytes> cachedPublicPage(String articleId, ThreadQuery query) {
        return threadCache.cached(articleId, query.cacheKey());
    }

    public JsonBytes publicPage(String articleId, ThreadQuery query) {
        return threadCache.page(articleId, query.cacheKey(), () -> JsonBytes.of(json, list(articleId, query, Optional.empty())));
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
        apply(pipeline.judge(comment, Article.findById(comment.articleId), author, rules), comment);
        ModerationEvent.record(comment, before, Actor.author(comment.commenterId), "edited by its author", now);
        return views.view(comment, author, comment.commenterId, rules.editWindow());
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
        ModerationEvent.record(comment, before, Actor.author(comment.commenterId), null, now);
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

    private Comment replyableParent(String articleId, long parentId, int maxDepth) {
        Comment parent = Comment.findById(parentId);
        if (parent == null || !parent.articleId.equals(articleId)) {
            throw ProblemException.invalid("parentId", "is not a comment of this article");
        }
        if (parent.status != CommentStatus.APPROVED) {
            throw ProblemException.invalid("parentId", "is not a published comment; only published comments take replies");
        }
        if (parent.depth + 1 >= maxDepth) {
            throw ProblemException.invalid("parentId", "is as deep as replies go (" + maxDepth
                    + " levels); reply further up the thread");
        }
        return parent;
    }

    private static CommentHtml.Rendered render(String body) {
        CommentHtml.Rendered rendered = CommentHtml.render(body);
        if (!rendered.visible()) {
            throw ProblemException.invalid("body", "must contain some text");
        }
        return rendered;
    }

    /** A guest's details are whatever they typed last; a new guest is created on first comment. */
    private static void rememberGuest(Commenter guest, GuestAuthor author, Instant now) {
        guest.provider = Commenter.GUEST;
        guest.name = author.name().strip();
        guest.email = author.email().strip();
        guest.website = author.website();
        guest.updatedAt = now;
        if (guest.id == null) {
            guest.createdAt = now;
            guest.persist();
        }
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
            throw ProblemException.forbidden("Edit window closed", "Comments can be changed for "
                    + window.toMinutes() + " minutes after posting.");
        }
        return comment;
    }

    /** The same text by the same author on the same article is a double post, not a new comment. */
    private void refuseDuplicate(String articleId, String body, Long commenterId, String email) {
        long same = ((Number) em.createNativeQuery("""
                        select count(*) from comment where article_id = :article and md5(body) = md5(:body) and body = :body
                        and (commenter_id = :commenter or lower(author_email) = lower(:email))""")
                .setParameter("article", articleId).setParameter("body", body)
                .setParameter("commenter", commenterId == null ? -1L : commenterId)
                .setParameter("email", email == null ? "" : email)
                .getSingleResult()).longValue();
        if (same > 0) {
            throw ProblemException.conflict("Duplicate comment", "You already posted this comment here.");
        }
    }

    /** Flood control counts per identity (account or guest email) and per client IP. */
    private static List<String> floodKeys(Long commenterId, String email, ClientInfo client) {
        List<String> keys = new ArrayList<>();
        if (commenterId != null) {
            keys.add("commenter:" + commenterId);
        }
        if (email != null) {
            keys.add("email:" + email.toLowerCase(java.util.Locale.ROOT));
        }
        if (client.ip() != null) {
            keys.add("ip:" + client.ip().getHostAddress());
        }
        return keys;
    }

    static Keyset keysetOf(Comment comment) {
        return new Keyset(comment.createdAt, comment.id);
    }

    private static void apply(Verdict verdict, Comment comment) {
        comment.status = verdict.status();
        comment.reasons = verdict.reasons();
    }

    /**
     * Roots of the page: published top-level comments, the viewer's own held ones, and deleted
     * ones that still have published replies (shown as placeholders). Native SQL for the row-value
     * comparison that lets the (article_id, created_at, id) index drive keyset paging.
     */
    @SuppressWarnings("unchecked")
    private List<Comment> threadRoots(String articleId, ThreadQuery query, long viewer) {
        String after = query.newestFirst() ? "<" : ">";
        String order = query.newestFirst() ? "desc" : "asc";
        String sql = "select c.* from comment c where c.article_id = :article and c.parent_id is null"
                + " and (c.status = 'APPROVED'"
                + "   or (c.commenter_id = :viewer and c.status in ('PENDING', 'SPAM'))"
                + "   or (c.status = 'DELETED' and exists (select 1 from comment r where r.article_id = c.article_id"
                + "       and r.root_id = c.id and r.status = 'APPROVED')))"
                + (query.after() != null ? " and (c.created_at, c.id) " + after + " (:afterTime, :afterId)" : "")
                + " order by c.created_at " + order + ", c.id " + order + " limit :limit";
        var q = em.createNativeQuery(sql, Comment.class)
                .setParameter("article", articleId).setParameter("viewer", viewer).setParameter("limit", query.limit() + 1);
        if (query.after() != null) {
            q.setParameter("afterTime", query.after().time()).setParameter("afterId", query.after().id());
        }
        return q.getResultList();
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
        return Commenter.<Commenter>list("id in ?1", ids.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
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

    private CommentView replay(IdempotencyKeys.Stored stored, Optional<CommenterRef> caller) {
        try {
            CommentView first = json.readValue(stored.body(), CommentView.class);
            // tokens are stored only as hashes, so a tokenless guest's retry gets a fresh token for the same commenter
            return caller.isEmpty() && stored.commenterId() != null
                    ? first.withCommenterToken(tokens.issue(Commenter.findById(stored.commenterId())))
                    : first;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response is unreadable", e);
        }
    }

    /** What makes two requests "the same" for an Idempotency-Key: article, caller and the exact body. */
    private String fingerprint(String articleId, NewComment request, Optional<CommenterRef> caller) {
        return Sha256.hex(articleId + "\n" + caller.map(c -> "commenter:" + c.id()).orElse("anonymous") + "\n" + toJson(request));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
