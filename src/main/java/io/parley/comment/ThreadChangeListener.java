package io.parley.comment;

import io.parley.common.db.DatabaseNotifications;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hears the database's thread-change notifications (migration V9) and evicts the article from this
 * replica's ThreadCache. After a gap in notifications the cache is emptied, so a missed notification
 * never leaves a stale page beyond the cache's time to live.
 */
@ApplicationScoped
class ThreadChangeListener implements DatabaseNotifications.Listener {

    private final ThreadCache cache;

    ThreadChangeListener(ThreadCache cache) {
        this.cache = cache;
    }

    @Override
    public String channel() {
        return "parley_thread";
    }

    @Override
    public void notified(String articleId) {
        cache.evict(articleId);
    }

    @Override
    public void gap() {
        cache.evictAll();
    }
}
