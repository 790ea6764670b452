package io.parley.moderation;

import java.time.Instant;
import java.util.List;

/**
 * A comment as moderators see it: everything readers see, plus what readers never see, and who is
 * reviewing it right now ({@code claimedBy}, null when nobody is). {@code featured}: an editors'
 * pick; {@code pinned}: kept on top of its thread.
 */
public record QueueItem(
        long id,
        String articleId,
        Long parentId,
        int depth,
        String body,
        String html,
        Instant createdAt,
        Instant editedAt,
        String status,
        int version,
        List<Reason> reasons,
        Double spamScore,
        int flags,
        int likes,
        boolean featured,
        boolean pinned,
        QueueAuthor author,
        Claims.Claim claimedBy) {

    /** The author with the details moderators need: email, IP and track record. */
    public record QueueAuthor(long commenterId, String provider, String name, String email, String website,
            String avatarUrl, String ip, AuthorHistory history) {
    }

    /** The author's comments by status, across articles; for guests, by email address. */
    public record AuthorHistory(long approved, long pending, long spam, long rejected) {

        public static final AuthorHistory NONE = new AuthorHistory(0, 0, 0, 0);
    }
}
