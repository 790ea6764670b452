package io.parley.comment;

import java.util.List;

/** One page of an article's threads, flat in thread order; {@code total} counts every approved comment. */
public record CommentPage(String articleId, long total, List<CommentView> comments, String nextCursor) {
}
