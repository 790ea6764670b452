package io.parley.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.parley.common.db.DatabaseUnavailable;
import io.parley.common.json.SafeStrings;
import io.parley.common.validation.SafeText;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become RFC 9457 problem details. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String REQUEST_BODY = "request";
    /** What the log says when a request fails for a reason nobody foresaw; the test suite watches for it. */
    public static final String UNEXPECTED = "Unexpected failure";

    public static Response problem(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors, null));
        headers.forEach(builder::header);
        return builder.build();
    }

    static Response problem(int status, String title, String detail) {
        return problem(status, title, detail, List.of(), Map.of());
    }

    @ServerExceptionMapper
    public Response domain(ProblemException e) {
        Response.ResponseBuilder builder = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream().map(Violation::of).distinct()
                .sorted(Comparator.comparing(Violation::field)).toList();
        if (violations.stream().anyMatch(v -> v.inBody() && v.field().isEmpty())) {
            return problem(400, "Bad request", "A JSON object is required as the request body.");
        }
        List<FieldError> errors = violations.stream().map(v -> new FieldError(v.field(), v.message())).toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        boolean parameters = violations.stream().anyMatch(v -> !v.inBody());
        return parameters
                ? problem(400, "Invalid parameter", detail, errors, Map.of())
                : problem(422, "Invalid input", detail, errors, Map.of());
    }

    /**
     * A violation as clients know it: the JSON path of a body field, or the name of a path/query
     * parameter. Request bodies are parameters named {@code request}.
     */
    private record Violation(String field, String message, boolean inBody) {

        static Violation of(ConstraintViolation<?> violation) {
            List<String> names = new ArrayList<>();
            String parameter = "";
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                } else if (node.getKind() == ElementKind.PROPERTY) {
                    names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                }
            }
            boolean inBody = REQUEST_BODY.equals(parameter);
            return new Violation(inBody ? String.join(".", names) : parameter, violation.getMessage(), inBody);
        }
    }

    /** Jackson's failures: malformed JSON, unknown fields, wrong types. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class})
    public Response json(JsonProcessingException e) {
        // Jackson wraps what the body's stream threw while it parsed (BodyLimit's 413)
        if (e.getCause() instanceof ProblemException problem) {
            return domain(problem);
        }
        if (e instanceof SafeStrings.UnsafeText unsafe) {
            String field = pathOf(unsafe);
            return problem(400, "Invalid text", "'" + field + "' " + unsafe.getOriginalMessage() + ".",
                    List.of(new FieldError(field, unsafe.getOriginalMessage())), Map.of());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = pathOf(unknown);
            return problem(400, "Unknown field", "'" + field + "' is not a field of this request.",
                    List.of(new FieldError(field, "unknown field")), Map.of());
        }
        if (e instanceof MismatchedInputException mismatch && !pathOf(mismatch).isEmpty()) {
            String field = pathOf(mismatch);
            String expected = mismatch.getTargetType() == null ? "of another type" : describe(mismatch.getTargetType());
            return problem(400, "Wrong type", "'" + field + "' must be " + expected + ".",
                    List.of(new FieldError(field, "must be " + expected)), Map.of());
        }
        if (e instanceof JsonParseException) {
            return problem(400, "Malformed JSON", "The request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ").");
        }
        return problem(400, "Malformed JSON", "The request body must be one JSON object with the documented fields.");
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from a body's first bytes (NUL bytes among them) and fails with
     * an I/O error, not a parse error, when the rest does not fit the guess.
     */
    @ServerExceptionMapper
    public Response encoding(CharConversionException e) {
        return problem(400, "Malformed JSON", "The request body must be JSON in UTF-8.");
    }

    @ServerExceptionMapper
    public Response authentication(AuthenticationFailedException e, HttpServerRequest request) {
        boolean admin = isAdmin(request);
        return problem(401, "Unauthorized", admin
                        ? "The bearer token is missing, invalid, expired or not from a trusted issuer."
                        : "The commenter token is unknown, expired or revoked; log in again.",
                List.of(), Map.of("WWW-Authenticate", admin ? "Bearer" : "Commenter"));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        boolean admin = isAdmin(request);
        return problem(401, "Unauthorized", admin ? "This needs a newsroom bearer token (JWT)." : "This needs a commenter token.",
                List.of(), Map.of("WWW-Authenticate", admin ? "Bearer" : "Commenter"));
    }

    /** Admin endpoints and Bearer credentials belong to the newsroom's JWTs; everything else to commenter tokens. */
    private static boolean isAdmin(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        return request.path().startsWith("/admin/")
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "Your role does not allow this.");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        Map<String, String> headers = e.getResponse().getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Allow") || h.getKey().equalsIgnoreCase("Retry-After"))
                .collect(Collectors.toMap(Map.Entry::getKey, h -> String.valueOf(h.getValue().get(0))));
        return problem(status, type.getReasonPhrase(), detailFor(status), List.of(), headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            return databaseUnavailable(e);
        }
        LOG.error(UNEXPECTED, e);
        return problem(500, "Internal error", "Something went wrong on our side; nothing was changed.");
    }

    /** PostgreSQL is down, restarting or failing over, or every connection is busy: the client should simply retry. */
    public static Response databaseUnavailable(Throwable e) {
        LOG.warnf("Database unavailable: %s", DatabaseUnavailable.describe(e));
        return problem(503, DatabaseUnavailable.TITLE, DatabaseUnavailable.DETAIL, List.of(),
                Map.of("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address answers only in JSON.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> "The request could not be handled.";
        };
    }

    /** The field's JSON path; a client's own field names are echoed, so whatever they hold is made printable. */
    private static String pathOf(JsonMappingException e) {
        return SafeText.printable(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "["));
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a whole number";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        return "an object";
    }
}
