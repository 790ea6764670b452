package io.parley.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A comment as readers see it. {@code commenterToken} appears only in the answer to a guest's
 * submission; {@code editableUntil} only on the reader's own comments.
 */
public record CommentView(
        long id,
        String articleId,
        Long parentId,
        int depth,
        Author author,
        String html,
        Instant createdAt,
        Instant editedAt,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant editableUntil,
        @JsonInclude(JsonInclude.Include.NON_NULL) String commenterToken) {

    /** Public facts about the author: never the email or IP. */
    public record Author(String name, String avatarUrl, String website, String provider) {
    }

    CommentView withCommenterToken(String token) {
        return new CommentView(id, articleId, parentId, depth, author, html, createdAt, editedAt, status, editableUntil, token);
    }
}
