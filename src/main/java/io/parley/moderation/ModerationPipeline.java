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
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides what happens to a new or edited comment, inside its transaction: banned words refuse it
 * (422); otherwise every rule that fires adds a reason, and the most severe outcome wins
 * (spam over held over published). A comment no rule objects to is published at once.
 */
@ApplicationScoped
public class ModerationPipeline {

    private final SpamFilter spamFilter;
    private final Akismet akismet;
    private final EntityManager em;

    ModerationPipeline(SpamFilter spamFilter, Akismet akismet, EntityManager em) {
        this.spamFilter = spamFilter;
        this.akismet = akismet;
        this.em = em;
    }

    /** @param compiled the settings the caller already read for this request */
    public Verdict judge(Comment comment, Article article, Commenter author, ModerationRules.Compiled compiled) {
        ModerationSettings settings = compiled.values();
        if (compiled.bannedWords().firstMatch(comment.body).or(() -> compiled.bannedWords().firstMatch(comment.authorName))
                .isPresent()) {
            throw ProblemException.invalid("body", "contains language that is not allowed here; please rephrase");
        }
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
        comment.spamScore = spamFilter.score(comment);
        if (comment.spamScore != null && comment.spamScore >= settings.spamThreshold()) {
            outcome.add(CommentStatus.SPAM, Reason.of("SPAM_SCORE", String.format(Locale.ROOT, "Spam score %.2f.", comment.spamScore)));
        } else if (comment.spamScore != null && comment.spamScore >= settings.spamHoldThreshold()) {
            outcome.add(CommentStatus.PENDING, Reason.of("SPAM_SCORE",
                    String.format(Locale.ROOT, "Spam score %.2f, in the grey zone.", comment.spamScore)));
        }
        if (akismet.isSpam(comment, article.url).orElse(false)) {
            outcome.add(CommentStatus.SPAM, Reason.of("AKISMET", "Akismet says this is spam."));
        }
        long approved = approvedBefore(comment, author);
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

    /** Published comments by the same author: the account for a login, the email address for a guest. */
    private long approvedBefore(Comment comment, Commenter author) {
        String identity = author.isGuest() ? "lower(author_email) = lower(:who)" : "commenter_id = cast(:who as bigint)";
        return ((Number) em.createNativeQuery("select count(*) from comment where status = 'APPROVED' and id <> :self and " + identity)
                .setParameter("who", author.isGuest() ? String.valueOf(comment.authorEmail) : author.id.toString())
                .setParameter("self", comment.id == null ? -1L : comment.id)
                .getSingleResult()).longValue();
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
