package io.parley.common.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A timestamptz column read by a native query, as an Instant whichever Java type the driver chose. */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** Column {@code column} of the current row, read as JDBC describes timestamptz, or null. */
    public static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : ((OffsetDateTime) value).toInstant();
    }
}
