package io.parley.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.common.validation.SafeText;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer; {@code current} (an extension member)
 * carries the resource's present state when a request lost a race to another change.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, Object current) {

    /** A detail may quote what the client sent; an answer must always be writable as JSON. */
    public Problem {
        detail = SafeText.printable(detail);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
