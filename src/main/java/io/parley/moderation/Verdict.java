package io.parley.moderation;

import io.parley.comment.CommentStatus;
import java.util.List;

/** What the pipeline decided for a comment, and why. */
public record Verdict(CommentStatus status, List<Reason> reasons) {
}
