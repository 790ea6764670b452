package io.parley.common.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A timestamptz column read by a native query, as an Instant whichever Java type the driver chose. */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : ((OffsetDateTime) value).toInstant();
    }
}
