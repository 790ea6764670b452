package io.parley.comment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A comment as readers see it. {@code commenterToken} appears only in the answer to a guest's
 * submission; {@code editableUntil} and {@code body} (the text as typed, to edit it) only on the
 * reader's own comments; {@code liked} only for a reader who sent their token. {@code featured}:
 * an editors' pick; {@code pinned}: kept on top of the thread. {@code likes}, {@code featured} and
 * {@code pinned} are left out when 0 or false, as most comments are: a thread page is the hot path's
 * payload, and every byte of it is copied for every reader.
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
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int likes,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean featured,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean pinned,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean liked,
        @JsonInclude(JsonInclude.Include.NON_NULL) String body,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant editableUntil,
        @JsonInclude(JsonInclude.Include.NON_NULL) String commenterToken) {

    /** Public facts about the author: never the email or IP. */
    public record Author(String name, String avatarUrl, String website, String provider) {
    }

    CommentView withCommenterToken(String token) {
        return new CommentView(id, articleId, parentId, depth, author, html, createdAt, editedAt, status, likes, featured, pinned,
                liked, body, editableUntil, token);
    }
}
