package io.parley.moderation;

/** A moderator took, renewed or gave back the lease on a comment (fired in the claim's transaction). */
public record ClaimChanged(long commentId, String articleId, String name, boolean released) {
}
