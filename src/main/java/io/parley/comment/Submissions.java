package io.parley.comment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.article.Article;
import io.parley.article.ArticleService;
import io.parley.common.ParleyConfig;
import io.parley.common.Sha256;
import io.parley.common.db.ById;
import io.parley.common.db.GroupCommit;
import io.parley.common.db.GroupCommit.Outcome;
import io.parley.common.db.RoundTrip;
import io.parley.common.db.SequenceIds;
import io.parley.common.error.ProblemException;
import io.parley.common.flood.FloodGate;
import io.parley.common.idempotency.IdempotencyKeys;
import io.parley.common.json.JsonText;
import io.parley.identity.Commenter;
import io.parley.identity.CommenterRef;
import io.parley.identity.CommenterTokens;
import io.parley.moderation.AuthorHistories;
import io.parley.moderation.ModerationPipeline;
import io.parley.moderation.QueueItem;
import io.parley.moderation.Verdict;
import io.parley.moderation.ban.Bans;
import io.parley.moderation.rules.ModerationRules;
import io.parley.moderation.rules.ModerationSettings;
import io.parley.spam.SpamFilter;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes new comments by group commit: the comments submitted while the previous batch commits
 * are checked together (a handful of set-based queries whatever their number), inserted with
 * batched statements and made durable by one commit. Each still gets its own answer: a comment
 * refused for any reason does not affect the others.
 */
@ApplicationScoped
class Submissions {

    private final ArticleService articles;
    private final ModerationRules rules;
    private final Bans bans;
    private final FloodGate floodGate;
    private final CommenterTokens tokens;
    private final IdempotencyKeys idempotency;
    private final SpamFilter spamFilter;
    private final AuthorHistories authorHistories;
    private final CommentViews views;
    private final ParleyConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final EntityManager em;
    private final NewCommentRows rows;
    private GroupCommit<Submission, CommentService.Submitted> groupCommit;

    Submissions(ArticleService articles, ModerationRules rules, Bans bans, FloodGate floodGate, CommenterTokens tokens,
            IdempotencyKeys idempotency, SpamFilter spamFilter, AuthorHistories authorHistories, CommentViews views,
            ParleyConfig config, Clock clock, ObjectMapper json, EntityManager em, NewCommentRows rows) {
        this.articles = articles;
        this.rules = rules;
        this.bans = bans;
        this.floodGate = floodGate;
        this.tokens = tokens;
        this.idempotency = idempotency;
        this.spamFilter = spamFilter;
        this.authorHistories = authorHistories;
        this.views = views;
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.em = em;
        this.rows = rows;
    }

    @PostConstruct
    void start() {
        groupCommit = new GroupCommit<>("parley-comment-writer", config.comments().writers(), config.comments().maxBatch(),
                this::write, Submission::idempotencyKey, Infrastructure.getDefaultWorkerPool());
    }

    @PreDestroy
    void stop() {
        groupCommit.stop();
    }

    /** Writes {@code submission} with the others of its batch; completes, on the writer's thread, once it is committed. */
    CompletableFuture<CommentService.Submitted> submit(Submission submission) {
        return groupCommit.submit(submission);
    }

    /** One batch, inside its transaction. The checks run in the order a single submission meets them. */
    private List<Outcome<CommentService.Submitted>> write(List<Submission> submissions) {
        Batch batch = new Batch(submissions);
        Instant now = clock.instant();
        Set<String> claimed = claimKeys(batch);
        if (!batch.going().isEmpty()) {
            Lookups found = lookUp(batch);
            ModerationRules.Compiled compiled = rules.current(found.settingsVersion().result());
            ModerationSettings settings = compiled.values();
            Map<String, Article> byId = articles(batch, found, now, settings.closeAfterDays());
            found.refuse(found.banned(), Bans::refusal);
            Map<Long, Comment> parents = parents(batch, settings.maxDepth());
            found.refuse(found.posted(), Submissions::duplicate);
            refuseDuplicatesWithin(batch);
            batch.check(s -> ModerationPipeline.refuseBannedWords(s.body(), s.authorName(), compiled));
            FloodGate.Passage passage = passFloodGate(batch, found, Duration.ofSeconds(settings.floodIntervalSeconds()));
            if (!batch.going().isEmpty()) {
                insert(batch, found, passage, now, byId, parents, compiled);
            }
        }
        idempotency.release(batch.failed().stream().map(i -> submissions.get(i).idempotencyKey())
                .filter(key -> key != null && claimed.contains(key)).toList());
        return batch.outcomes;
    }

    /**
     * What the checks and the verdicts of a batch's submissions (the {@code candidates}, by
     * position) read from the database, fetched in one round trip before any check runs. A check
     * that refuses a submission leaves the others' results as they are.
     */
    private record Lookups(Batch batch, List<Integer> candidates, RoundTrip.Query<Integer> settingsVersion,
            RoundTrip.Query<Map<String, Article>> articles, RoundTrip.Query<List<Integer>> banned,
            RoundTrip.Query<List<Integer>> posted, RoundTrip.Query<Map<String, Instant>> floodGate, SpamFilter.Scoring spam,
            RoundTrip.Query<Map<String, QueueItem.AuthorHistory>> histories) {

        /** Refuses the candidates at the positions {@code query} found, unless an earlier check refused them already. */
        void refuse(RoundTrip.Query<List<Integer>> query, Supplier<RuntimeException> refusal) {
            query.result().forEach(p -> batch.fail(candidates.get(p), refusal.get()));
        }
    }

    private Lookups lookUp(Batch batch) {
        List<Integer> candidates = batch.going();
        List<Submission> items = candidates.stream().map(batch.items::get).toList();
        Lookups found = new Lookups(batch, candidates, rules.version(),
                ArticleService.byIdQuery(items.stream().map(Submission::articleId).toList()),
                bans.bannedQuery(items.stream().map(s -> new Bans.Who(s.commenterId(), s.authorEmail(), s.client().ip())).toList()),
                postedQuery(items),
                floodGate.lock(items.stream().flatMap(s -> floodKeys(s).stream()).toList()),
                spamFilter.scoring(items.stream().map(Submission::features).toList()),
                authorHistories.query(items.stream().map(Submission::authorKey).toList()));
        List<RoundTrip.Query<?>> queries = new ArrayList<>(List.of(RoundTrip.genericPlans(), found.settingsVersion(), found.articles(),
                found.banned(), found.posted(), found.floodGate(), found.histories()));
        queries.addAll(found.spam().queries());
        RoundTrip.run(em, queries);
        return found;
    }

    /** Claims the Idempotency-Keys; a retry gets the first answer again. Returns the keys this batch claimed. */
    private Set<String> claimKeys(Batch batch) {
        Map<String, String> hashes = new HashMap<>();
        batch.going().stream().map(batch.items::get).filter(s -> s.idempotencyKey() != null)
                .forEach(s -> hashes.put(s.idempotencyKey(), s.requestHash()));
        if (hashes.isEmpty()) {
            return Set.of();
        }
        IdempotencyKeys.Claims claims = idempotency.claim(hashes);
        for (int i : batch.going()) {
            String key = batch.items.get(i).idempotencyKey();
            if (claims.reused().contains(key)) {
                batch.fail(i, IdempotencyKeys.Claims.reuse());
            } else if (claims.retries().containsKey(key)) {
                batch.answer(i, new CommentService.Submitted(replay(claims.retries().get(key), batch.items.get(i)), true));
            }
        }
        Set<String> claimed = new HashSet<>(hashes.keySet());
        claimed.removeAll(claims.reused());
        claimed.removeAll(claims.retries().keySet());
        return claimed;
    }

    private Map<String, Article> articles(Batch batch, Lookups found, Instant now, int closeAfterDays) {
        Map<String, String> pageUrls = new HashMap<>();
        for (int i : batch.going()) {
            Submission s = batch.items.get(i);
            if (pageUrls.get(s.articleId()) == null) {
                pageUrls.put(s.articleId(), s.articleUrl());
            }
        }
        Map<String, Article> byId = articles.forNewComments(pageUrls, found.articles().result(), now);
        batch.check(s -> ArticleService.refuseNewComment(s.articleId(), byId.get(s.articleId()), now, closeAfterDays));
        return byId;
    }

    private Map<Long, Comment> parents(Batch batch, int maxDepth) {
        List<Long> ids = batch.going().stream().map(i -> batch.items.get(i).parentId()).filter(id -> id != null).distinct().toList();
        Map<Long, Comment> parents = ById.find(Comment.class, "comment", ids, c -> c.id);
        batch.check(s -> {
            if (s.parentId() != null) {
                checkReplyable(s.articleId(), parents.get(s.parentId()), maxDepth);
            }
        });
        return parents;
    }

    private static void checkReplyable(String articleId, Comment parent, int maxDepth) {
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
    }

    /** The same text by the same author (account or email) on the same article is a double post, not a new comment. */
    private static RoundTrip.Query<List<Integer>> postedQuery(List<Submission> items) {
        return RoundTrip.query("""
                        select t.n - 1 from unnest(cast(? as text[]), cast(? as text[]), cast(? as bigint[]), cast(? as text[]))
                            with ordinality as t(article, body, commenter, email, n)
                        where exists (select 1 from comment c where c.article_id = t.article and md5(c.body) = md5(t.body)
                            and c.body = t.body and (c.commenter_id = t.commenter or lower(c.author_email) = t.email))""",
                        RoundTrip::positions)
                .bind(items.stream().map(Submission::articleId).toArray(String[]::new))
                .bind(items.stream().map(Submission::body).toArray(String[]::new))
                .bind(items.stream().map(s -> s.commenterId() == null ? -1L : s.commenterId()).toArray(Long[]::new))
                .bind(items.stream().map(s -> lowerEmail(s)).toArray(String[]::new));
    }

    /** Double posts within the batch itself. */
    private static void refuseDuplicatesWithin(Batch batch) {
        Set<String> seen = new HashSet<>();
        batch.check(s -> {
            String text = s.articleId() + "\n" + s.body() + "\n";
            boolean byEmail = s.authorEmail() != null && !seen.add(text + "email:" + lowerEmail(s));
            boolean byAccount = s.commenterId() != null && !seen.add(text + "commenter:" + s.commenterId());
            if (byEmail || byAccount) {
                throw duplicate();
            }
        });
    }

    /** A login may come without an email address (X gives none). */
    private static String lowerEmail(Submission s) {
        return s.authorEmail() == null ? "" : s.authorEmail().toLowerCase(Locale.ROOT);
    }

    private static ProblemException duplicate() {
        return ProblemException.conflict("Duplicate comment", "You already posted this comment here.");
    }

    private FloodGate.Passage passFloodGate(Batch batch, Lookups found, Duration interval) {
        List<Integer> going = batch.going();
        FloodGate.Passage passage = floodGate.pass(going.stream().map(i -> floodKeys(batch.items.get(i))).toList(), interval,
                found.floodGate().result());
        passage.refused().forEach((p, refusal) -> batch.fail(going.get(p), refusal));
        return passage;
    }

    /** Flood control counts per identity (account or guest email) and per client IP. */
    private static List<String> floodKeys(Submission s) {
        List<String> keys = new ArrayList<>();
        if (s.commenterId() != null) {
            keys.add("commenter:" + s.commenterId());
        }
        if (s.authorEmail() != null) {
            keys.add("email:" + lowerEmail(s));
        }
        if (s.client().ip() != null) {
            keys.add("ip:" + s.client().ip().getHostAddress());
        }
        return keys;
    }

    /** Judges the comments that passed every check and saves them, with their new authors, tokens and audit events. */
    private void insert(Batch batch, Lookups found, FloodGate.Passage passage, Instant now, Map<String, Article> byId,
            Map<Long, Comment> parents, ModerationRules.Compiled compiled) {
        List<Integer> going = batch.going();
        List<Submission> items = going.stream().map(batch.items::get).toList();
        List<Double> scores = found.spam().scores(); // in the order of found.candidates()
        Map<String, Long> approved = new HashMap<>();
        found.histories().result().forEach((key, history) -> approved.put(key, history.approved()));

        Authors written = commenters(items, now);
        List<Commenter> authors = written.each();
        List<CommenterTokens.Issued> issued = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            issued.add(items.get(n).hasToken() ? null : tokens.prepare(authors.get(n)));
        }
        List<Comment> comments = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            Submission s = items.get(n);
            Comment comment = s.comment(now);
            comment.commenterId = authors.get(n).id;
            Comment parent = s.parentId() == null ? null : parents.get(s.parentId());
            comment.depth = parent == null ? 0 : parent.depth + 1;
            comment.rootId = parent == null ? null : parent.rootId == null ? parent.id : parent.rootId;
            Article article = byId.get(s.articleId());
            // comments earlier in the batch count towards the trust rule, as if they had come one by one
            ModerationPipeline.Facts facts = new ModerationPipeline.Facts(scores.get(found.candidates().indexOf(going.get(n))), s.akismetSpam(),
                    approved.getOrDefault(s.authorKey(), 0L));
            Verdict verdict = ModerationPipeline.judge(comment, article, facts, compiled);
            comment.status = verdict.status();
            comment.reasons = verdict.reasons();
            if (comment.status == CommentStatus.APPROVED) {
                approved.merge(s.authorKey(), 1L, Long::sum);
            }
            comments.add(comment);
        }
        List<RoundTrip.Query<?>> writes = new ArrayList<>();
        passage.take().ifPresent(writes::add);
        writes.add(rows.insert(now, written.created(),
                issued.stream().filter(Objects::nonNull).map(CommenterTokens.Issued::session).toList(), comments));
        RoundTrip.run(em, writes);
        passage.confirm();

        Map<String, IdempotencyKeys.Stored> answers = new HashMap<>();
        for (int n = 0; n < items.size(); n++) {
            Commenter author = authors.get(n);
            CommentView view = views.view(comments.get(n), author, author.id, compiled.editWindow(), false);
            if (items.get(n).idempotencyKey() != null) {
                answers.put(items.get(n).idempotencyKey(), new IdempotencyKeys.Stored(201, JsonText.of(json, view), author.id));
            }
            String token = issued.get(n) == null ? null : issued.get(n).token();
            batch.answer(going.get(n), new CommentService.Submitted(view.withCommenterToken(token), false));
        }
        idempotency.complete(answers);
    }

    /** The commenter of each submission, in order, and which of them are guests this batch creates. */
    private record Authors(List<Commenter> each, List<Commenter> created) {
    }

    /**
     * Each comment's commenter: the caller's account, or a guest created on first comment with
     * whatever they typed last. New guests get their id here; they are saved with the comments.
     */
    private Authors commenters(List<Submission> items, Instant now) {
        List<Long> ids = items.stream().map(Submission::commenterId).filter(id -> id != null).distinct().toList();
        Map<Long, Commenter> accounts = ById.find(Commenter.class, "commenter", ids, c -> c.id);
        List<Commenter> authors = new ArrayList<>();
        for (Submission s : items) {
            Commenter author = s.commenterId() == null ? new Commenter() : accounts.get(s.commenterId());
            if (author == null) {
                throw new IllegalStateException("Commenter " + s.commenterId() + " of a live token does not exist");
            }
            if (s.guest()) {
                author.provider = Commenter.GUEST;
                author.name = s.authorName();
                author.email = s.authorEmail();
                author.website = s.authorWebsite();
                author.updatedAt = now;
                if (author.id == null) {
                    author.createdAt = now;
                }
            }
            authors.add(author);
        }
        List<Commenter> created = authors.stream().filter(a -> a.id == null).toList();
        Long[] newIds = SequenceIds.next(em, Commenter.class, created.size());
        for (int i = 0; i < newIds.length; i++) {
            created.get(i).id = newIds[i];
        }
        return new Authors(authors, created);
    }

    private CommentView replay(IdempotencyKeys.Stored stored, Submission retry) {
        try {
            // a stored answer leaves out what was 0 or false (CommentView), or predates a field: both read as defaults
            CommentView first = json.readerFor(CommentView.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(stored.body());
            // tokens are stored only as hashes, so a tokenless guest's retry gets a fresh token for the same commenter
            return !retry.hasToken() && stored.commenterId() != null
                    ? first.withCommenterToken(tokens.issue(Commenter.findById(stored.commenterId())))
                    : first;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response is unreadable", e);
        }
    }

    /** What makes two requests "the same" for an Idempotency-Key: article, caller and the exact body. */
    String fingerprint(String articleId, NewComment request, Optional<CommenterRef> caller) {
        return Sha256.hex(articleId + "\n" + caller.map(c -> "commenter:" + c.id()).orElse("anonymous") + "\n" + JsonText.of(json, request));
    }

    /** The submissions of one batch and, as each is decided, its answer. */
    private static final class Batch {

        final List<Submission> items;
        final List<Outcome<CommentService.Submitted>> outcomes;

        Batch(List<Submission> items) {
            this.items = items;
            this.outcomes = new ArrayList<>(Collections.nCopies(items.size(), null));
        }

        /** The positions of the submissions not decided yet. */
        List<Integer> going() {
            List<Integer> going = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) == null) {
                    going.add(i);
                }
            }
            return going;
        }

        List<Integer> failed() {
            List<Integer> failed = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) != null && outcomes.get(i).failure() != null) {
                    failed.add(i);
                }
            }
            return failed;
        }

        /** Refuses item {@code i}, unless it was decided already: the first refusal is the one its author gets. */
        void fail(int i, RuntimeException failure) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, Outcome.failed(failure));
            }
        }

        void answer(int i, CommentService.Submitted answer) {
            outcomes.set(i, Outcome.of(answer));
        }

        /** Runs a check on each submission still going; a {@link ProblemException} refuses that one only. */
        void check(Consumer<Submission> check) {
            for (int i : going()) {
                try {
                    check.accept(items.get(i));
                } catch (ProblemException e) {
                    fail(i, e);
                }
            }
        }
    }
}
