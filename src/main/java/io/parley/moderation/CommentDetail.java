package io.parley.moderation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** One comment for a moderator: the queue item, the comment it replies to, and every status change. */
public record CommentDetail(@JsonUnwrapped QueueItem comment, QueueItem parent, List<AuditEntry> history) {
}
