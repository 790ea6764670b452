package io.parley.comment;

import io.parley.common.error.FieldError;
import io.parley.common.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Which top-level threads a reader asks for: order, page size and the keyset position after the
 * last thread of the previous page. Keyset paging stays correct while comments arrive and stays
 * fast at any depth, which OFFSET does not.
 */
record ThreadQuery(boolean newestFirst, int limit, Instant afterTime, Long afterId) {

    static ThreadQuery parse(String sort, String limit, String cursor, int defaultLimit, int maxLimit) {
        boolean newest;
        if (sort == null || sort.equals("oldest")) {
            newest = false;
        } else if (sort.equals("newest")) {
            newest = true;
        } else {
            throw badParameter("sort", "must be oldest or newest");
        }
        int size = defaultLimit;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw badParameter("limit", "must be a whole number from 1 to " + maxLimit);
            }
            if (size < 1 || size > maxLimit) {
                throw badParameter("limit", "must be a whole number from 1 to " + maxLimit);
            }
        }
        if (cursor == null) {
            return new ThreadQuery(newest, size, null, null);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            Instant time = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return new ThreadQuery(newest, size, time, Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw badParameter("cursor", "is not a cursor this service gave out");
        }
    }

    boolean hasCursor() {
        return afterTime != null;
    }

    /** The cursor that continues after {@code last}, the last top-level comment of a page. */
    static String cursorAfter(Comment last) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + last.id).getBytes(StandardCharsets.US_ASCII));
    }

    private static ProblemException badParameter(String name, String message) {
        return new ProblemException(400, "Invalid parameter", name + " " + message, List.of(new FieldError(name, message)), Map.of());
    }
}
