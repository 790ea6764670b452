package io.parley.moderation;

import java.time.Instant;
import java.util.List;

/** One status change, as the audit trail shows it. */
public record AuditEntry(long id, long commentId, String articleId, String actor, String actorKind, String from,
        String to, List<Reason> reasons, String note, Instant at) {

    static AuditEntry of(ModerationEvent event) {
        return new AuditEntry(event.id, event.commentId, event.articleId, event.actor, event.actorKind,
                event.fromStatus == null ? null : event.fromStatus.apiName(), event.toStatus.apiName(),
                event.reasons, event.note, event.createdAt);
    }
}
