package io.parley.comment;

import java.util.Locale;

/** Where a comment stands; see DESIGN.md "Statuses and transitions". */
public enum CommentStatus {
    PENDING, APPROVED, SPAM, REJECTED, DELETED;

    /** The status as the API spells it ({@code approved}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the author of the comment is told: a comment judged spam looks merely pending to them. */
    public String asSeenByAuthor() {
        return this == SPAM ? PENDING.apiName() : apiName();
    }
}
