package io.parley.comment;

import io.parley.common.paging.Keyset;

/** Which top-level threads a reader asks for: order, page size and the position after the previous page. */
record ThreadQuery(boolean newestFirst, int limit, Keyset after) {

    static ThreadQuery parse(String sort, String limit, String cursor, int defaultLimit, int maxLimit) {
        boolean newest;
        if (sort == null || sort.equals("oldest")) {
            newest = false;
        } else if (sort.equals("newest")) {
            newest = true;
        } else {
            throw Keyset.badParameter("sort", "must be oldest or newest");
        }
        return new ThreadQuery(newest, Keyset.limit(limit, defaultLimit, maxLimit), Keyset.fromCursor(cursor));
    }

    /** Identifies the page among the article's cached pages. */
    String cacheKey() {
        return (newestFirst ? "n" : "o") + limit + (after == null ? "" : "@" + after.toCursor());
    }
}
