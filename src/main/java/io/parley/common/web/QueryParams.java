package io.parley.common.web;

import io.parley.common.paging.Keyset;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Query parameters are taken as text and parsed here, so a malformed one is a 400 that names it
 * (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static Long optionalId(String name, String value) {
        return parse(name, value, "must be a whole number", Long::valueOf);
    }

    public static Boolean optionalBoolean(String name, String value) {
        return parse(name, value, "must be true or false", v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(v);
        });
    }

    public static Instant optionalInstant(String name, String value) {
        return parse(name, value, "must be an ISO-8601 time such as 2026-11-24T09:30:00Z", Instant::parse);
    }

    /** An enum constant from its lower-case API name. */
    public static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
        return parse(name, value, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT),
                v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)));
    }

    private static <T> T parse(String name, String value, String message, Function<String, T> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Keyset.badParameter(name, message);
        }
    }
}
