package io.parley.common.error;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can do something about. Services throw it; {@link ProblemMapper} turns it
 * into the problem+json answer, with any extra headers (Retry-After, WWW-Authenticate).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;
    private Object current;

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.headers = headers;
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid("Invalid comment", field, message);
    }

    /** A 422 naming the field at fault, under a title that says what was refused ("Invalid webhook"). */
    public static ProblemException invalid(String title, String field, String message) {
        return new ProblemException(422, title, message, List.of(new FieldError(field, message)), Map.of());
    }

    public static ProblemException notFound(String title, String detail) {
        return new ProblemException(404, title, detail);
    }

    public static ProblemException forbidden(String title, String detail) {
        return new ProblemException(403, title, detail);
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(409, title, detail);
    }

    /** A 429 (this client asks too much) or 503 (the server has no room), saying when to try again. */
    public static ProblemException busy(int status, String title, String detail, int retryAfterSeconds) {
        return new ProblemException(status, title, detail, List.of(), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), Map.of("WWW-Authenticate", "Commenter"));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The resource as it stands now, for a conflict the client must resolve (a stale version). */
    public Object current() {
        return current;
    }

    public ProblemException withCurrent(Object current) {
        this.current = current;
        return this;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), errors, current);
    }
}
