package io.parley.moderation.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The newsroom's moderation rules, in the vocabulary of WordPress's discussion settings (which also
 * hold the order comments are shown in). A PUT may
 * send only the fields it changes; absent fields keep their value.
 */
public record ModerationSettings(
        Boolean manualApproval,
        @Min(0) @Max(1000) Integer approvedCommentsToTrust,
        @Min(0) @Max(1000) Integer holdLinkCount,
        @Size(max = MAX_TERMS) List<@NotBlank @Size(max = MAX_TERM_LENGTH) String> moderationKeys,
        @Size(max = MAX_TERMS) List<@NotBlank @Size(max = MAX_TERM_LENGTH) String> disallowedKeys,
        @Size(max = MAX_TERMS) List<@NotBlank @Size(max = MAX_TERM_LENGTH) String> bannedWords,
        @Size(max = MAX_TERMS) List<@NotBlank @Size(max = MAX_TERM_LENGTH) String> suspectWords,
        @Min(1) @Max(20) Integer maxDepth,
        @Min(0) @Max(31_536_000) Integer editWindowSeconds,
        @Min(0) @Max(36_500) Integer closeAfterDays,
        @Min(1) @Max(1000) Integer reportsToRequeue,
        @Min(0) @Max(86_400) Integer floodIntervalSeconds,
        @DecimalMin("0.0") @DecimalMax("1.0") Double spamThreshold,
        @DecimalMin("0.0") @DecimalMax("1.0") Double spamHoldThreshold,
        @Size(max = 50) List<@Valid @NotNull ModeratorAlert> alerts,
        @Pattern(regexp = SORTS, message = "must be oldest, newest or best") String defaultSort) {

    /** The thread orders (comment.ThreadOrder) a site or an article may show first. */
    public static final String SORTS = "oldest|newest|best";

    static final int MAX_TERMS = 20_000;
    static final int MAX_TERM_LENGTH = 200;

    /** DESIGN.md's defaults: every comment is judged, a reader's first comment waits for a moderator. */
    public static final ModerationSettings DEFAULTS = new ModerationSettings(false, 1, 2, List.of(), List.of(), List.of(),
            List.of(), 5, 600, 0, 3, 15, 0.9, 0.5, List.of(), "oldest");

    /** These settings with every field {@code patch} sets replaced. */
    public ModerationSettings with(ModerationSettings patch) {
        return new ModerationSettings(
                pick(patch.manualApproval, manualApproval), pick(patch.approvedCommentsToTrust, approvedCommentsToTrust),
                pick(patch.holdLinkCount, holdLinkCount), pick(patch.moderationKeys, moderationKeys),
                pick(patch.disallowedKeys, disallowedKeys), pick(patch.bannedWords, bannedWords),
                pick(patch.suspectWords, suspectWords), pick(patch.maxDepth, maxDepth),
                pick(patch.editWindowSeconds, editWindowSeconds), pick(patch.closeAfterDays, closeAfterDays),
                pick(patch.reportsToRequeue, reportsToRequeue), pick(patch.floodIntervalSeconds, floodIntervalSeconds),
                pick(patch.spamThreshold, spamThreshold), pick(patch.spamHoldThreshold, spamHoldThreshold),
                pick(patch.alerts, alerts), pick(patch.defaultSort, defaultSort));
    }

    /**
     * Who hears about the queue by mail: {@code immediate} gets every held or reported comment as it
     * happens, {@code hourly} and {@code daily} a digest of counts and the oldest waiting comments.
     */
    public record ModeratorAlert(@NotBlank @Email @Size(max = 254) String email, @NotNull AlertMode mode) {

        public enum AlertMode {
            @JsonProperty("immediate") IMMEDIATE,
            @JsonProperty("hourly") HOURLY,
            @JsonProperty("daily") DAILY
        }
    }

    private static <T> T pick(T changed, T current) {
        return changed != null ? changed : current;
    }
}
