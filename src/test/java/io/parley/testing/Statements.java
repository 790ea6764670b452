package io.parley.testing;

import org.hibernate.SessionFactory;

/**
 * How many SQL statements an action prepares. Hibernate's statistics count every session's, and
 * the outbox's workers run beside the tests (dispatching what a test recorded, then polling every
 * couple of seconds), so the fewest of several tries is the action's own.
 */
public final class Statements {

    private Statements() {
    }

    public static long preparedBy(SessionFactory sessions, Runnable action) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            sessions.getStatistics().clear();
            action.run();
            fewest = Math.min(fewest, sessions.getStatistics().getPrepareStatementCount());
        }
        return fewest;
    }
}
