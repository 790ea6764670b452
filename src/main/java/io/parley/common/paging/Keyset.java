package io.parley.common.paging;

import io.parley.common.error.FieldError;
import io.parley.common.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A keyset position (time, id) handed to clients as an opaque cursor. Keyset paging stays correct
 * while rows arrive and costs the same at any depth, which OFFSET does not.
 */
public record Keyset(Instant time, long id) {

    /** One page cut from {@code limit + 1} rows: the extra row only tells that there is a next page. */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    public static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, Keyset> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, position.apply(items.get(limit - 1)).toCursor());
    }

    public String toCursor() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position in {@code cursor}, null when there is none; a 400 naming the parameter when it is not ours. */
    public static Keyset fromCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            return new Keyset(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw badParameter("cursor", "is not a cursor this service gave out");
        }
    }

    /** A page size from a query parameter: the default when absent, a 400 when not in 1..max. */
    public static int limit(String limit, int defaultLimit, int maxLimit) {
        if (limit == null) {
            return defaultLimit;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= maxLimit) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw badParameter("limit", "must be a whole number from 1 to " + maxLimit);
    }

    public static ProblemException badParameter(String name, String message) {
        return new ProblemException(400, "Invalid parameter", name + " " + message,
                List.of(new FieldError(name, message)), Map.of());
    }
}
