package io.parley.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why a comment got its status: a machine code, a sentence for moderators, and the matched term if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String text, String term) {

    public static Reason of(String code, String text) {
        return new Reason(code, text, null);
    }
}
