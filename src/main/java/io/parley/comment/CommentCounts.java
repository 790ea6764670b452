package io.parley.comment;

import java.util.Map;

/** Approved comments per article, for article lists ("12 comments"). */
public record CommentCounts(Map<String, Long> counts) {
}
