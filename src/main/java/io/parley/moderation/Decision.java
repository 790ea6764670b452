package io.parley.moderation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.comment.CommentStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** A moderator's decision on one comment; {@code expectedVersion} guards against deciding on a stale view. */
public record Decision(@NotNull Action action, @Size(max = 1000) String reason, @PositiveOrZero Integer expectedVersion) {

    /** What moderators can do, the status each leads to and the statuses it can start from. */
    public enum Action {
        @JsonProperty("approve") APPROVE(CommentStatus.APPROVED, CommentStatus.PENDING, CommentStatus.SPAM, CommentStatus.REJECTED),
        @JsonProperty("reject") REJECT(CommentStatus.REJECTED, CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.SPAM),
        @JsonProperty("spam") SPAM(CommentStatus.SPAM, CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.REJECTED),
        @JsonProperty("restore") RESTORE(CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.SPAM, CommentStatus.REJECTED),
        @JsonProperty("delete") DELETE(CommentStatus.DELETED, CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.SPAM,
                CommentStatus.REJECTED);

        final CommentStatus target;
        final Set<CommentStatus> from;

        Action(CommentStatus target, CommentStatus... from) {
            this.target = target;
            this.from = Set.of(from);
        }

        String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
