package io.parley.moderation;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** One decision for many comments, each applied on its own. */
public record BulkDecision(
        @NotEmpty @Size(max = 100) List<@NotNull @Positive Long> ids,
        @NotNull Decision.Action action,
        @Size(max = 1000) String reason) {
}
