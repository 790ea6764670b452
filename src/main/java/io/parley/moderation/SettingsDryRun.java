package io.parley.moderation;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import io.parley.common.db.ById;
import io.parley.common.error.ProblemException;
import io.parley.identity.Commenter;
import io.parley.moderation.rules.ModerationRules;
import io.parley.moderation.rules.ModerationSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What proposed settings would have done to the latest comments, next to what the settings in force
 * do: each comment judged again by both (spam scores and authors' records as they are now), counted
 * as published, held, spam or refused, with examples of the comments whose fate would change.
 * Nothing is written: the judging runs in a transaction that is rolled back.
 */
@ApplicationScoped
public class SettingsDryRun {

    public static final int DEFAULT_SAMPLE = 10_000;
    public static final int MAX_SAMPLE = 50_000;
    private static final int EXAMPLES = 20;
    private static final int EXCERPT = 200;

    public enum Outcome { APPROVED, HELD, SPAM, REFUSED }

    public record DryRunCounts(long approved, long held, long spam, long refused) {

        static DryRunCounts of(Map<Outcome, Long> counts) {
            return new DryRunCounts(counts.getOrDefault(Outcome.APPROVED, 0L), counts.getOrDefault(Outcome.HELD, 0L),
                    counts.getOrDefault(Outcome.SPAM, 0L), counts.getOrDefault(Outcome.REFUSED, 0L));
        }
    }

    /** A comment whose fate the proposed settings would change. */
    public record DryRunChange(long id, String articleId, String author, String excerpt, String now, String proposed, List<Reason> reasons) {
    }

    public record DryRunResult(int sample, DryRunCounts current, DryRunCounts proposed, long changed, List<DryRunChange> examples) {
    }

    /** The settings to try (only the fields that change) and how many of the latest comments to judge. */
    public record DryRunRequest(@jakarta.validation.constraints.NotNull @jakarta.validation.Valid ModerationSettings settings,
            @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(MAX_SAMPLE) Integer last) {
    }

    private final ModerationRules rules;
    private final AuthorHistories histories;
    private final EntityManager em;

    SettingsDryRun(ModerationRules rules, AuthorHistories histories, EntityManager em) {
        this.rules = rules;
        this.histories = histories;
        this.em = em;
    }

    public DryRunResult run(ModerationSettings patch, int last) {
        // judging sets fields of the entities it reads: the transaction is rolled back, so none of it is kept
        QuarkusTransaction.begin();
        try {
            return judgeAgain(rules.current(), rules.proposed(patch), last);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @SuppressWarnings("unchecked")
    private DryRunResult judgeAgain(ModerationRules.Compiled current, ModerationRules.Compiled proposed, int last) {
        List<Comment> comments = em.createNativeQuery("""
                        select c.* from comment c where c.status <> 'DELETED' and c.body is not null
                        order by c.created_at desc, c.id desc limit :last""", Comment.class)
                .setParameter("last", last).getResultList();
        Map<String, Article> articles = ById.find(Article.class, "article", comments.stream().map(c -> c.articleId).distinct().toList(),
                a -> a.id);
        Map<Long, Commenter> authors = ById.find(Commenter.class, "commenter", comments.stream().map(c -> c.commenterId).distinct().toList(),
                c -> c.id);
        Map<String, QueueItem.AuthorHistory> records = histories.of(comments.stream()
                .map(c -> AuthorHistories.key(authors.get(c.commenterId), c.authorEmail)).toList());
        Map<Outcome, Long> now = new EnumMap<>(Outcome.class);
        Map<Outcome, Long> then = new EnumMap<>(Outcome.class);
        List<DryRunChange> examples = new ArrayList<>();
        long changed = 0;
        for (Comment comment : comments) {
            long approved = records.getOrDefault(AuthorHistories.key(authors.get(comment.commenterId), comment.authorEmail),
                    QueueItem.AuthorHistory.NONE).approved();
            // the comment's own publication does not count towards trusting its author
            ModerationPipeline.Facts facts = new ModerationPipeline.Facts(comment.spamScore, false,
                    comment.status == CommentStatus.APPROVED ? Math.max(0, approved - 1) : approved);
            Article article = articles.get(comment.articleId);
            Judged byCurrent = judge(comment, article, facts, current);
            Judged byProposed = judge(comment, article, facts, proposed);
            now.merge(byCurrent.outcome(), 1L, Long::sum);
            then.merge(byProposed.outcome(), 1L, Long::sum);
            if (byCurrent.outcome() != byProposed.outcome()) {
                changed++;
                if (examples.size() < EXAMPLES) {
                    String body = comment.body.length() > EXCERPT ? comment.body.substring(0, EXCERPT) + "\u2026" : comment.body;
                    examples.add(new DryRunChange(comment.id, comment.articleId, comment.authorName, body, byCurrent.name(),
                            byProposed.name(), byProposed.reasons()));
                }
            }
        }
        return new DryRunResult(comments.size(), DryRunCounts.of(now), DryRunCounts.of(then), changed, examples);
    }

    private record Judged(Outcome outcome, List<Reason> reasons) {

        String name() {
            return outcome.name().toLowerCase(Locale.ROOT);
        }
    }

    private static Judged judge(Comment comment, Article article, ModerationPipeline.Facts facts, ModerationRules.Compiled rules) {
        try {
            ModerationPipeline.refuseBannedWords(comment.body, comment.authorName, rules);
        } catch (ProblemException refused) {
            return new Judged(Outcome.REFUSED, List.of(Reason.of("BANNED_WORD", "Contains a banned word.")));
        }
        Verdict verdict = ModerationPipeline.judge(comment, article, facts, rules);
        Outcome outcome = switch (verdict.status()) {
            case APPROVED -> Outcome.APPROVED;
            case SPAM -> Outcome.SPAM;
            default -> Outcome.HELD;
        };
        return new Judged(outcome, verdict.reasons());
    }
}
