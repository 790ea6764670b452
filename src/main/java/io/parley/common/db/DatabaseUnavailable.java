package io.parley.common.db;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Tells a failure of the database itself (down, restarting, failing over, out of connections) from
 * a failure of the request: the first is a 503 the client retries, the second a bug or a 4xx.
 */
public final class DatabaseUnavailable {

    public static final String TITLE = "Service unavailable";
    public static final String DETAIL = "The comment database is briefly unavailable; nothing was changed. Try again in a few seconds.";
    public static final String RETRY_AFTER_SECONDS = "3";

    /**
     * SQLSTATE class 08 is "connection exception"; 57P01..57P03 are an administrator's shutdown, a
     * crash of another backend and a server still starting; 53300 is "too many connections".
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {
    }

    /** Whether anything in the causes says the database could not be reached or gave up the connection. */
    public static boolean isCause(Throwable failure) {
        return culprit(failure) != null;
    }

    /** The cause that tells, for the log. */
    public static String describe(Throwable failure) {
        Throwable culprit = culprit(failure);
        return culprit == null ? String.valueOf(failure) : culprit.getClass().getSimpleName() + ": " + culprit.getMessage();
    }

    /**
     * Searches causes and suppressed exceptions: a failed commit reaches us as Narayana's
     * RollbackException, with the driver's error suppressed inside it, not as its cause.
     */
    private static Throwable culprit(Throwable failure) {
        Deque<Throwable> toVisit = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!toVisit.isEmpty()) {
            Throwable t = toVisit.pop();
            if (!seen.add(t)) {
                continue;
            }
            // pgjdbc reports a refused or broken connection as SQLSTATE 08001 / 08006
            if (t instanceof SQLException sql && unavailable(sql)) {
                return t;
            }
            if (t.getCause() != null) {
                toVisit.push(t.getCause());
            }
            toVisit.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }

    private static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
        }
        // Agroal's pool: every connection busy past the acquisition timeout, or none could be opened
        String message = sql.getMessage();
        return message != null && message.startsWith("Acquisition timeout");
    }
}
