package io.parley.moderation;

import java.util.List;

/** A page of the audit trail, newest first. */
public record AuditPage(List<AuditEntry> items, String nextCursor) {
}
