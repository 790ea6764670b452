package io.parley.article;

import io.parley.common.db.RoundTrip;
import io.parley.common.db.SqlTimes;
import io.parley.common.web.SiteOrigins;
import io.parley.common.error.ProblemException;
import io.parley.common.outbox.EventType;
import io.parley.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ArticleService {

    /** Newsroom article ids: slugs, numbers, GUIDs. */
    public static final String ARTICLE_ID = "[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}";

    private final SiteOrigins sites;
    private final Clock clock;
    private final Outbox outbox;

    ArticleService(SiteOrigins sites, Clock clock, Outbox outbox) {
        this.sites = sites;
        this.clock = clock;
        this.outbox = outbox;
    }

    /**
     * The articles new comments go to, by id ({@code pageUrls}: each id with the page its comment
     * names, or null), given those {@link #byIdQuery} found. An unknown id is registered on first
     * comment only when that page is on one of our sites, so nobody can open threads on arbitrary
     * ids; other unknown ids are left out.
     */
    public Map<String, Article> forNewComments(Map<String, String> pageUrls, Map<String, Article> found, Instant now) {
        Map<String, Article> articles = new HashMap<>(found);
        List<String> fresh = pageUrls.keySet().stream()
                .filter(id -> !articles.containsKey(id) && pageUrls.get(id) != null && sites.match(pageUrls.get(id)).isPresent())
                .toList();
        if (!fresh.isEmpty()) {
            // a concurrent first comment may have created one meanwhile: insert-or-ignore, then read
            Article.getEntityManager().createNativeQuery("""
                            insert into article (id, url, created_at) select i, u, ?3
                            from unnest(cast(?1 as text[]), cast(?2 as text[])) as t(i, u) order by i
                            on conflict (id) do nothing""")
                    .setParameter(1, fresh.toArray(String[]::new))
                    .setParameter(2, fresh.stream().map(pageUrls::get).toArray(String[]::new))
                    .setParameter(3, now)
                    .executeUpdate();
            articles.putAll(RoundTrip.one(Article.getEntityManager(), byIdQuery(fresh)));
        }
        return articles;
    }

    /**
     * The articles with these ids, for a caller that runs the query along with others. They are
     * read as values, outside Hibernate's session, for a writer that only looks at them: changing
     * one changes nothing in the database.
     */
    public static RoundTrip.Query<Map<String, Article>> byIdQuery(Collection<String> ids) {
        return RoundTrip.query("""
                select id, url, title, closed, pre_moderation, default_sort, created_at, first_comment_at
                from article where id = any(cast(? as text[]))""", rows -> {
            Map<String, Article> articles = new HashMap<>();
            while (rows.next()) {
                Article article = new Article();
                article.id = rows.getString(1);
                article.url = rows.getString(2);
                article.title = rows.getString(3);
                article.closed = rows.getBoolean(4);
                article.preModeration = rows.getBoolean(5);
                article.defaultSort = rows.getString(6);
                article.createdAt = SqlTimes.instant(rows, 7);
                article.firstCommentAt = SqlTimes.instant(rows, 8);
                articles.put(article.id, article);
            }
            return articles;
        }).bind(ids.stream().distinct().toArray(String[]::new));
    }

    /** Refuses a new comment on an article that is unknown, closed, or past its commenting period. */
    public static void refuseNewComment(String articleId, Article article, Instant now, int closeAfterDays) {
        if (article == null) {
            throw ProblemException.notFound("No such article",
                    "Article '" + articleId + "' does not exist and no articleUrl on an allowed site was given.");
        }
        if (isClosed(article, now, closeAfterDays)) {
            throw ProblemException.forbidden("Comments are closed", "This article no longer accepts comments.");
        }
    }

    /** Closed by an editor, or past its commenting period. */
    private static boolean isClosed(Article article, Instant now, int closeAfterDays) {
        boolean expired = closeAfterDays > 0 && article.firstCommentAt != null
                && now.isAfter(article.firstCommentAt.plus(java.time.Duration.ofDays(closeAfterDays)));
        return article.closed || expired;
    }

    /** Whether an article no longer accepts comments; one nobody has commented on yet is open. */
    @Transactional
    public boolean isClosed(String articleId, int closeAfterDays) {
        Article article = Article.findById(articleId);
        return article != null && isClosed(article, clock.instant(), closeAfterDays);
    }

    /** Creates or updates an article; fields left out keep their value. */
    @Transactional
    public Article register(String articleId, ArticleSettings settings) {
        Article article = Article.findById(articleId, LockModeType.PESSIMISTIC_WRITE);
        if (article == null) {
            article = new Article();
            article.id = articleId;
            article.createdAt = clock.instant();
            article.persist();
        }
        if (settings.title() != null) {
            article.title = settings.title();
        }
        if (settings.url() != null) {
            article.url = settings.url();
        }
        if (settings.closed() != null) {
            if (settings.closed() && !article.closed) {
                outbox.record(new Outbox.Event(EventType.ARTICLE_CLOSED, articleId, null,
                        Map.of("article", new Closed(articleId, article.title, article.url))));
            }
            article.closed = settings.closed();
        }
        if (settings.preModeration() != null) {
            article.preModeration = settings.preModeration();
        }
        if (settings.defaultSort() != null) {
            article.defaultSort = settings.defaultSort().equals("site") ? null : settings.defaultSort();
            // every replica drops the pages it cached in the old default order, at commit
            Article.getEntityManager().createNativeQuery("select pg_notify('parley_thread', ?1)").setParameter(1, articleId).getSingleResult();
        }
        return article;
    }

    /** The article as an {@code article.closed} event names it. */
    public record Closed(String id, String title, String url) {
    }

    /** The articles readers commented on most recently, for the console's list. */
    @Transactional
    public List<Article> recent(int limit) {
        return Article.<Article>find("order by firstCommentAt desc nulls last, createdAt desc").page(0, limit).list();
    }
}
