package io.parley.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.error.Problem;
import java.util.List;

/** Per-comment outcome of a bulk decision: the new state, or the problem that stopped it. */
public record BulkResult(List<Outcome> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(long id, int status, QueueItem comment, Problem problem) {
    }
}
