package io.parley.portability;

import io.parley.comment.CommentStatus;
import java.time.Instant;

/** What an export file holds, in the order it holds it: threads, their comments, and what could not be taken. */
sealed interface ImportItem {

    /** A post (WordPress) or thread (Disqus): the article its comments belong to. */
    record Thread(String key, String articleId, String title, String url) implements ImportItem {
    }

    /** One comment; {@code body} is null for a comment deleted at the source. */
    record Comment(String sourceId, String parentSourceId, String threadKey, String authorName, String authorEmail,
            String authorUrl, String authorIp, String userAgent, Instant createdAt, CommentStatus status, String body, int line)
            implements ImportItem {
    }

    /** A record deliberately left out (a pingback, a trackback), counted by reason. */
    record Skipped(String reason) implements ImportItem {
    }

    /** A record that could not be read; the rest of the file still is. */
    record Error(String sourceId, int line, String message) implements ImportItem {
    }
}
