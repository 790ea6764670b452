package io.parley.comment;

import io.parley.common.ParleyConfig;
import io.parley.common.paging.Keyset;

/**
 * Which top-level threads a reader asks for: order (null: the article's default, decided when the
 * page is built), page size and the position after the previous page.
 */
record ThreadQuery(ThreadOrder order, int limit, Keyset after) {

    /** Page sizes default to and are capped by the configured ones. */
    static ThreadQuery parse(String sort, String limit, String cursor, ParleyConfig.Comments sizes) {
        return new ThreadQuery(ThreadOrder.parse(sort), Keyset.limit(limit, sizes.pageSize(), sizes.maxPageSize()),
                Keyset.fromCursor(cursor));
    }

    ThreadQuery inOrder(ThreadOrder resolved) {
        return new ThreadQuery(resolved, limit, after);
    }

    /** Identifies the page among the article's cached pages. */
    String cacheKey() {
        return (order == null ? "default" : order.apiName()) + limit + (after == null ? "" : "@" + after.toCursor());
    }
}
