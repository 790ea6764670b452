package io.parley.common.db;

import java.sql.SQLException;

/** A transaction lost a race with a concurrent one and should simply run again. */
public class Contention extends RuntimeException {

    public Contention(String message) {
        super(message, null, false, false);
    }

    /** A deadlock or serialisation failure anywhere in the causes, or a {@link Contention}. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Contention
                    || t instanceof SQLException sql && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
