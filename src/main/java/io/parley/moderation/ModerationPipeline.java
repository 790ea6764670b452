package io.parley.moderation;

import io.parley.article.Article;
import io.parley.comment.Comment;
import io.parley.comment.CommentStatus;
import io.parley.common.error.ProblemException;
import io.parley.identity.Commenter;
import io.parley.moderation.rules.ModerationRules;
import io.parley.moderation.rules.ModerationSettings;
import io.parley.spam.Akismet;
import io.parley.spam.SpamFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides what happens to a new or edited comment: banned words refuse it (422); otherwise every
 * rule that fires adds a reason, and the most severe outcome wins (spam over held over published).
 * A comment no rule objects to is published at once. What needs the database or Akismet comes in
 * as {@link Facts}, loaded for many comments at once when they are submitted together.
 */
@ApplicationScoped
public class ModerationPipeline {

    /**
     * What the rules need to know beyond the comment: its spam score (null while the filter knows
     * too little), Akismet's opinion, and how many of the author's comments are published.
     */
    public record Facts(Double spamScore, boolean akismetSpam, long approvedBefore) {
    }

    private final SpamFilter spamFilter;
    private final Akismet akismet;
    private final AuthorHistories authorHistories;

    ModerationPipeline(SpamFilter spamFilter, Akismet akismet, AuthorHistories authorHistories) {
        this.spamFilter = spamFilter;
        this.akismet = akismet;
        this.authorHistories = authorHistories;
    }

    public static void refuseBannedWords(String body, String authorName, ModerationRules.Compiled compiled) {
        if (compiled.bannedWords().firstMatch(body).or(() -> compiled.bannedWords().firstMatch(authorName)).isPresent()) {
            throw ProblemException.invalid("body", "contains language that is not allowed here; please rephrase");
        }
    }

    /** The facts for one comment judged on its own (an edit); {@code comment} still has its previous status. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Facts factsFor(Comment comment, Commenter author, String permalink) {
        Double score = spamFilter.scores(List.of(SpamFilter.features(comment))).get(0);
        String key = AuthorHistories.key(author, comment.authorEmail);
        long approved = authorHistories.of(List.of(key)).getOrDefault(key, QueueItem.AuthorHistory.NONE).approved();
        return new Facts(score, akismet.isSpam(comment, permalink).orElse(false),
                comment.status == CommentStatus.APPROVED ? approved - 1 : approved);
    }

    /** The verdict on a comment that passed {@link #refuseBannedWords}; sets its spam score. */
    public static Verdict judge(Comment comment, Article article, Facts facts, ModerationRules.Compiled compiled) {
        ModerationSettings settings = compiled.values();
        List<String> fields = Arrays.asList(comment.body, comment.authorName, comment.authorEmail, comment.authorWebsite,
                comment.authorIp == null ? null : comment.authorIp.getHostAddress());
        Outcome outcome = new Outcome();
        compiled.disallowedKeys().firstMatch(fields).ifPresent(key ->
                outcome.add(CommentStatus.SPAM, new Reason("DISALLOWED_KEY", "Contains a disallowed key.", key)));
        if (settings.manualApproval()) {
            outcome.add(CommentStatus.PENDING, Reason.of("MANUAL_APPROVAL", "Every comment waits for a moderator."));
        }
        if (article.preModeration) {
            outcome.add(CommentStatus.PENDING, Reason.of("PRE_MODERATION", "Every comment on this article waits for a moderator."));
        }
        compiled.moderationKeys().firstMatch(fields).ifPresent(key ->
                outcome.add(CommentStatus.PENDING, new Reason("MODERATION_KEY", "Contains a moderation key.", key)));
        compiled.suspectWords().firstMatch(comment.body).ifPresent(word ->
                outcome.add(CommentStatus.PENDING, new Reason("SUSPECT_WORD", "Contains a word on the suspect list.", word)));
        int links = linkCount(comment.html);
        if (settings.holdLinkCount() > 0 && links >= settings.holdLinkCount()) {
            outcome.add(CommentStatus.PENDING, Reason.of("TOO_MANY_LINKS", links + " links (holding at " + settings.holdLinkCount() + ")."));
        }
        comment.spamScore = facts.spamScore();
        if (comment.spamScore != null && comment.spamScore >= settings.spamThreshold()) {
            outcome.add(CommentStatus.SPAM, Reason.of("SPAM_SCORE", String.format(Locale.ROOT, "Spam score %.2f.", comment.spamScore)));
        } else if (comment.spamScore != null && comment.spamScore >= settings.spamHoldThreshold()) {
            outcome.add(CommentStatus.PENDING, Reason.of("SPAM_SCORE",
                    String.format(Locale.ROOT, "Spam score %.2f, in the grey zone.", comment.spamScore)));
        }
        if (facts.akismetSpam()) {
            outcome.add(CommentStatus.SPAM, Reason.of("AKISMET", "Akismet says this is spam."));
        }
        long approved = facts.approvedBefore();
        if (approved < settings.approvedCommentsToTrust()) {
            outcome.add(CommentStatus.PENDING, Reason.of("FIRST_COMMENT", "The author has " + approved
                    + " published comment(s); " + settings.approvedCommentsToTrust() + " needed to be trusted."));
        }
        return new Verdict(outcome.status, outcome.reasons);
    }

    private static int linkCount(String html) {
        int count = 0;
        for (int at = html == null ? -1 : html.indexOf("<a "); at >= 0; at = html.indexOf("<a ", at + 3)) {
            count++;
        }
        return count;
    }

    private static final class Outcome {
        CommentStatus status = CommentStatus.APPROVED;
        final List<Reason> reasons = new ArrayList<>();

        void add(CommentStatus severity, Reason reason) {
            reasons.add(reason);
            if (severity == CommentStatus.SPAM || status == CommentStatus.APPROVED) {
                status = severity;
            }
        }
    }
}
