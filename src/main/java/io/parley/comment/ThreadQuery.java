package io.parley.comment;

import io.parley.common.ParleyConfig;
import io.parley.common.paging.Keyset;

/** Which top-level threads a reader asks for: order, page size and the position after the previous page. */
record ThreadQuery(boolean newestFirst, int limit, Keyset after) {

    /** Page sizes default to and are capped by the configured ones. */
    static ThreadQuery parse(String sort, String limit, String cursor, ParleyConfig.Comments sizes) {
        boolean newest;
        if (sort == null || sort.equals("oldest")) {
            newest = false;
        } else if (sort.equals("newest")) {
            newest = true;
        } else {
            throw Keyset.badParameter("sort", "must be oldest or newest");
        }
        return new ThreadQuery(newest, Keyset.limit(limit, sizes.pageSize(), sizes.maxPageSize()), Keyset.fromCursor(cursor));
    }

    /** Identifies the page among the article's cached pages. */
    String cacheKey() {
        return (newestFirst ? "n" : "o") + limit + (after == null ? "" : "@" + after.toCursor());
    }
}
