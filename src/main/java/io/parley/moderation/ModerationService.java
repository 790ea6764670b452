package io.parley.moderation;

import io.parley.comment.Comment;
import io.parley.comment.CommentEvents;
import io.parley.comment.CommentStatus;
import io.parley.common.error.ProblemException;
import io.parley.common.outbox.EventType;
import io.parley.article.Article;
import io.parley.spam.Akismet;
import io.parley.spam.SpamFilter;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moderators' decisions: each one a status change, an audit event, a lesson for the spam filter
 * ({@code spam} and {@code approve}) and, for the public, an effect at once.
 */
@ApplicationScoped
public class ModerationService {

    private final ModerationQueue queue;
    private final SpamFilter spamFilter;
    private final Akismet akismet;
    private final Event<Akismet.Feedback> akismetFeedback;
    private final Claims claims;
    private final EntityManager em;
    private final Clock clock;
    private final CommentEvents events;

    ModerationService(ModerationQueue queue, SpamFilter spamFilter, Akismet akismet, Event<Akismet.Feedback> akismetFeedback,
            Claims claims, EntityManager em, Clock clock, CommentEvents events) {
        this.claims = claims;
        this.events = events;
        this.queue = queue;
        this.spamFilter = spamFilter;
        this.akismet = akismet;
        this.akismetFeedback = akismetFeedback;
        this.em = em;
        this.clock = clock;
    }

    /**
     * Applies {@code decision} to comment {@code id}. The row is locked for the decision, so two
     * moderators deciding at once are serialised and the second sees the first's outcome
     * (a 409 when it no longer fits, or when {@code expectedVersion} is stale).
     */
    @Transactional
    public QueueItem decide(long id, Decision decision, Actor moderator) {
        Comment comment = em.find(Comment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (comment == null) {
            throw ProblemException.notFound("No such comment", "Comment " + id + " does not exist.");
        }
        Decision.Action action = decision.action();
        if (decision.expectedVersion() != null && decision.expectedVersion() != comment.version) {
            throw ProblemException.conflict("Stale version", "Comment " + id + " is at version " + comment.version
                    + ", not " + decision.expectedVersion() + ": someone changed it meanwhile. Review its current state.")
                    .withCurrent(queue.item(comment));
        }
        if (comment.status == action.target) {
            throw ProblemException.conflict("Nothing to change", "Comment " + id + " is already " + action.target.apiName() + ".")
                    .withCurrent(queue.item(comment));
        }
        if (!action.from.contains(comment.status)) {
            throw ProblemException.conflict("Not possible", "A " + comment.status.apiName() + " comment cannot be given '"
                    + action.apiName() + "'.").withCurrent(queue.item(comment));
        }
        Instant now = clock.instant();
        CommentStatus before = comment.status;
        if (action == Decision.Action.SPAM || action == Decision.Action.APPROVE) {
            boolean spam = action == Decision.Action.SPAM;
            spamFilter.learn(comment, spam);
            Article article = Article.findById(comment.articleId);
            akismet.feedback(comment, article.url, spam).ifPresent(akismetFeedback::fire);
        }
        comment.status = action.target;
        comment.reasons = List.of(Reason.of("MODERATOR", decision.reason() != null ? decision.reason()
                : "Decided by " + moderator.name() + ": " + action.apiName() + "."));
        if (action == Decision.Action.DELETE) {
            comment.body = null;
            comment.html = null;
            comment.deletedAt = now;
        }
        ModerationEvent.record(comment, before, moderator, decision.reason(), now);
        events.changed(comment, before, EventType.COMMENT_DECIDED, moderator.name(), decision.reason());
        claims.decided(List.of(id));
        em.flush(); // the answer carries the new version
        return queue.item(comment);
    }

    /** Each id is decided in its own transaction: one comment's conflict does not undo the others. */
    public BulkResult decideAll(BulkDecision bulk, Actor moderator) {
        return decideEach(bulk.ids(), bulk.action(), bulk.reason(), moderator);
    }

    /** {@link #decideAll} for ids found by the caller (the console's "all matching this filter"). */
    public BulkResult decideEach(List<Long> ids, Decision.Action action, String reason, Actor moderator) {
        List<BulkResult.Outcome> outcomes = new ArrayList<>(ids.size());
        for (Long id : ids.stream().distinct().toList()) {
            try {
                QueueItem decided = decide(id, new Decision(action, reason, null), moderator);
                outcomes.add(new BulkResult.Outcome(id, 200, decided, null));
            } catch (ProblemException e) {
                outcomes.add(new BulkResult.Outcome(id, e.status(), null, e.toProblem()));
            }
        }
        return new BulkResult(outcomes);
    }
}
