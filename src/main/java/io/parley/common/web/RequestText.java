package io.parley.common.web;

import io.parley.common.error.FieldError;
import io.parley.common.validation.SafeText;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request's path and query parameters pass {@link SafeText} before any route sees them, the
 * cached thread pages and the login flows included: a percent-encoded {@code %00}, a malformed
 * UTF-8 sequence ({@code %ED%A0%80}, a surrogate) or a control character is a 400 naming the
 * parameter, never text a query or a log would receive. (JSON bodies pass {@code SafeStrings}.)
 */
@Singleton
class RequestText {

    /** Characters of path and query: room for the longest counts request (100 article ids of 200 characters). */
    static final int MAX_URI = 32_768;

    private final RouteProblems problems;

    RequestText(RouteProblems problems) {
        this.problems = problems;
    }

    /** One of the {@link RequestGuards}: true when the request line was refused. */
    boolean refused(RoutingContext context) {
        if (context.request().uri().length() > MAX_URI) {
            // Netty answers a longer line than quarkus.http.limits.max-initial-line-length with an empty 414;
            // that limit is set well above this one, so a client hears why
            problems.send(context, 414, "URI too long", "The path and query may be " + MAX_URI + " characters at most.", List.of(),
                    Map.of());
            return true;
        }
        String path = context.request().path();
        String query = context.request().query();
        Optional<FieldError> refused = Optional.empty();
        if (path != null && escaped(path, false)) {
            refused = problem("path", path, false);
        }
        if (refused.isEmpty() && query != null && escaped(query, true)) {
            refused = queryProblem(query);
        }
        if (refused.isEmpty()) {
            return false;
        }
        FieldError error = refused.get();
        problems.send(context, 400, "Invalid text", "'" + error.field() + "' " + error.message() + ".", List.of(error), Map.of());
        return true;
    }

    /** Whether anything but plain printable ASCII is in there; nearly every request line is just that. */
    private static boolean escaped(String raw, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c <= 0x20 || c >= 0x7F || query && c == '+') {
                return true;
            }
        }
        return false;
    }

    private static Optional<FieldError> queryProblem(String query) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            Optional<String> name = decode(rawName, true);
            String field = name.filter(n -> SafeText.problem(n).isEmpty()).orElse("query");
            Optional<FieldError> refused = problem(field, rawName, true);
            if (refused.isEmpty() && equals >= 0) {
                refused = problem(field, pair.substring(equals + 1), true);
            }
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private static Optional<FieldError> problem(String field, String raw, boolean plusIsSpace) {
        Optional<String> decoded = decode(raw, plusIsSpace);
        if (decoded.isEmpty()) {
            return Optional.of(new FieldError(field, "is not percent-encoded UTF-8"));
        }
        return SafeText.problem(decoded.get()).map(message -> new FieldError(field, message));
    }

    /** Percent-decoding that refuses, rather than replaces, what is not UTF-8. */
    private static Optional<String> decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return Optional.empty();
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0xFF) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                // the HTTP parser hands over raw bytes as ISO-8859-1 characters: they are UTF-8 to decode too
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
