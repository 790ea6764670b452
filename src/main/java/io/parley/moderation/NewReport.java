package io.parley.moderation;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A reader's report of a published comment. */
public record NewReport(@NotNull ReportReason reason, @Size(max = 1000) String note) {

    public enum ReportReason {
        @JsonProperty("offensive") OFFENSIVE,
        @JsonProperty("abusive") ABUSIVE,
        @JsonProperty("spam") SPAM,
        @JsonProperty("other") OTHER
    }
}
