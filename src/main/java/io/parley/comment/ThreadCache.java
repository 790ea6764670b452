package io.parley.comment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.common.db.AfterCommit;
import io.parley.common.web.JsonBytes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The public (anonymous) pages of article threads, serialised, per replica. Entries go when the
 * thread changes: on this replica right after the changing transaction commits (before its
 * response), on the others when PostgreSQL's NOTIFY reaches them (ThreadChangeListener), and in
 * any case after {@link #TTL}, the bound should a notification be lost.
 */
@ApplicationScoped
public class ThreadCache {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Key(String articleId, String query) {
    }

    private final Cache<Key, JsonBytes> pages = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(TTL).build();
    /** Bumped by every eviction, so that a page read while a change committed is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private final AfterCommit afterCommit;

    ThreadCache(AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
    }

    Optional<JsonBytes> cached(String articleId, String query) {
        return Optional.ofNullable(pages.getIfPresent(new Key(articleId, query)));
    }

    /**
     * The page, loaded once however many readers ask for it at the same moment (a viral thread's
     * entry expiring must not send every waiting request to the database).
     */
    JsonBytes page(String articleId, String query, Supplier<JsonBytes> load) {
        Key key = new Key(articleId, query);
        long before = generation.get();
        JsonBytes page = pages.get(key, k -> load.get());
        if (generation.get() != before) {
            pages.invalidate(key); // a change committed while it was read: serve it this once, keep nothing
        }
        return page;
    }

    public void evict(String articleId) {
        generation.incrementAndGet();
        pages.asMap().keySet().removeIf(key -> key.articleId().equals(articleId));
    }

    public void evictAll() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    /** Evicts the article's pages once the current transaction has committed. */
    public void evictAfterCommit(String articleId) {
        afterCommit.run(() -> evict(articleId));
    }
}
