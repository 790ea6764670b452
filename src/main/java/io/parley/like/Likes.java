package io.parley.like;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.error.ProblemException;
import io.parley.identity.Commenter;
import io.parley.identity.CommenterRef;
import io.parley.identity.CommenterTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Readers' likes: one per reader and comment (comment_like), counted on the comment itself so pages
 * read the count with the comment. Counting changes the comment's row by a plain UPDATE that leaves
 * its version alone, which the thread-change trigger (V21) lets pass without emptying every
 * replica's cached pages: cached pages show counts at most their time to live old, and the reader
 * who clicked sees the new count from the answer.
 */
@ApplicationScoped
public class Likes {

    /** The comment's count after the change; {@code commenterToken} when this like made the reader a token. */
    public record Liked(long commentId, int likes, boolean liked,
            @JsonInclude(JsonInclude.Include.NON_NULL) String commenterToken) {
    }

    private final EntityManager em;
    private final CommenterTokens tokens;
    private final Clock clock;

    Likes(EntityManager em, CommenterTokens tokens, Clock clock) {
        this.em = em;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Likes a published comment, once per reader however often it is sent. A reader without a token
     * (never commented, never logged in) gets one here, as a guest's first comment gives one, so the
     * browser can take the like back and is counted once.
     */
    @Transactional
    public Liked like(long commentId, Optional<CommenterRef> caller) {
        if (!"APPROVED".equals(status(commentId))) {
            throw ProblemException.conflict("Not published", "Only published comments can be liked.");
        }
        Instant now = clock.instant();
        String token = null;
        long reader;
        if (caller.isPresent()) {
            reader = caller.get().id();
        } else {
            Commenter guest = new Commenter();
            guest.provider = Commenter.GUEST;
            guest.name = "Guest";
            guest.createdAt = now;
            guest.updatedAt = now;
            guest.persistAndFlush();
            token = tokens.issue(guest);
            reader = guest.id;
        }
        int added = em.createNativeQuery("insert into comment_like (comment_id, commenter_id, created_at) values (?1, ?2, ?3)"
                        + " on conflict do nothing")
                .setParameter(1, commentId).setParameter(2, reader).setParameter(3, now).executeUpdate();
        return new Liked(commentId, added == 1 ? count(commentId, 1) : current(commentId), true, token);
    }

    /** Takes the reader's like back; nothing happens when there is none. */
    @Transactional
    public Liked unlike(long commentId, CommenterRef reader) {
        status(commentId);
        int removed = em.createNativeQuery("delete from comment_like where comment_id = ?1 and commenter_id = ?2")
                .setParameter(1, commentId).setParameter(2, reader.id()).executeUpdate();
        return new Liked(commentId, removed == 1 ? count(commentId, -1) : current(commentId), false, null);
    }

    private String status(long commentId) {
        List<?> status = em.createNativeQuery("select status from comment where id = ?1").setParameter(1, commentId).getResultList();
        if (status.isEmpty()) {
            throw ProblemException.notFound("No such comment", "Comment " + commentId + " does not exist.");
        }
        return (String) status.get(0);
    }

    /** Moves the count, and the comment's place in "best" order with it (comment.ThreadOrder). */
    private int count(long commentId, int delta) {
        return ((Number) em.createNativeQuery("""
                        update comment set like_count = like_count + ?2,
                               best_at = created_at + interval '45000 seconds' * log(cast(1 + like_count + ?2 as double precision))
                        where id = ?1 returning like_count""")
                .setParameter(1, commentId).setParameter(2, delta).getSingleResult()).intValue();
    }

    private int current(long commentId) {
        return ((Number) em.createNativeQuery("select like_count from comment where id = ?1").setParameter(1, commentId)
                .getSingleResult()).intValue();
    }
}
