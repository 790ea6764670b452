package io.parley.comment;

import java.util.List;

/**
 * One page of an article's threads, flat in thread order; {@code total} counts every approved
 * comment; {@code sort} is the order applied (the article's default when the request named none).
 */
public record CommentPage(String articleId, long total, String sort, List<CommentView> comments, String nextCursor) {
}
