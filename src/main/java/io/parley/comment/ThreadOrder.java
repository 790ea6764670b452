package io.parley.comment;

import io.parley.common.paging.Keyset;
import java.util.Arrays;
import java.util.List;

/**
 * The orders of an article's top-level threads. "Best" is Reddit's "hot" ranking put in time: a
 * comment counts as posted 12.5 hours later for each tenfold of its likes (log10(1 + likes) ×
 * 45,000 s). It needs no view counts (a Wilson bound needs votes against, which likes do not give),
 * an early comment cannot win forever (one posted 12.5 hours later with a tenth of its likes ranks
 * level with it), and a rank that does not depend on the current time keeps cursors and cached pages
 * valid. The rank is stored with the like count (column {@code best_at}), so paging compares stored
 * values only.
 */
public enum ThreadOrder {
    OLDEST("oldest", "c.created_at", false),
    NEWEST("newest", "c.created_at", true),
    BEST("best", "coalesce(c.best_at, c.created_at)", true);

    public static final List<String> NAMES = Arrays.stream(values()).map(ThreadOrder::apiName).toList();

    private final String apiName;
    /** The SQL of the position a root comment {@code c} has in this order (with its id as tiebreak). */
    final String sqlKey;
    final boolean descending;

    ThreadOrder(String apiName, String sqlKey, boolean descending) {
        this.apiName = apiName;
        this.sqlKey = sqlKey;
        this.descending = descending;
    }

    public String apiName() {
        return apiName;
    }

    /** The order a client names, or null when it names none. */
    static ThreadOrder parse(String name) {
        if (name == null) {
            return null;
        }
        return Arrays.stream(values()).filter(o -> o.apiName.equals(name)).findFirst()
                .orElseThrow(() -> Keyset.badParameter("sort", "must be one of " + String.join(", ", NAMES)));
    }

    Keyset position(Comment root) {
        return new Keyset(this == BEST && root.bestAt != null ? root.bestAt : root.createdAt, root.id);
    }
}
