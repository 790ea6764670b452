package io.parley.article;

import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;

@ApplicationScoped
public class ArticleService {

    /** Newsroom article ids: slugs, numbers, GUIDs. */
    public static final String ARTICLE_ID = "[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}";

    private final ParleyConfig config;
    private final Clock clock;

    ArticleService(ParleyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * The article a new comment goes to. An unknown id is registered on first comment only when the
     * page it comes from is on one of our sites, so nobody can open threads on arbitrary ids.
     */
    public Article forNewComment(String articleId, String articleUrl, Instant now, int closeAfterDays) {
        Article article = Article.findById(articleId);
        if (article == null) {
            if (articleUrl == null || !isOnOurSites(articleUrl)) {
                throw ProblemException.notFound("No such article",
                        "Article '" + articleId + "' does not exist and no articleUrl on an allowed site was given.");
            }
            article = new Article();
            article.id = articleId;
            article.url = articleUrl;
            article.createdAt = now;
            // a concurrent first comment may have created it meanwhile: insert-or-ignore, then read
            Article.getEntityManager().createNativeQuery(
                    "insert into article (id, url, created_at) values (?1, ?2, ?3) on conflict (id) do nothing")
                    .setParameter(1, articleId).setParameter(2, articleUrl).setParameter(3, now)
                    .executeUpdate();
            article = Article.findById(articleId);
        }
        boolean expired = closeAfterDays > 0 && article.firstCommentAt != null
                && now.isAfter(article.firstCommentAt.plus(java.time.Duration.ofDays(closeAfterDays)));
        if (article.closed || expired) {
            throw ProblemException.forbidden("Comments are closed", "This article no longer accepts comments.");
        }
        if (article.firstCommentAt == null) {
            article.firstCommentAt = now;
        }
        return article;
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
            article.closed = settings.closed();
        }
        if (settings.preModeration() != null) {
            article.preModeration = settings.preModeration();
        }
        return article;
    }

    boolean isOnOurSites(String url) {
        String origin = originOf(url);
        return origin != null && config.site().allowedOrigins().stream()
                .map(o -> o.toLowerCase(Locale.ROOT).replaceAll("/+$", ""))
                .anyMatch(origin::equals);
    }

    /** scheme://host[:port] in lower case, or null when the text is not an absolute http(s) URL. */
    static String originOf(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            boolean defaultPort = uri.getPort() == -1
                    || uri.getPort() == (scheme.equalsIgnoreCase("https") ? 443 : 80);
            String port = defaultPort ? "" : ":" + uri.getPort();
            return (scheme + "://" + uri.getHost() + port).toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return null;
        }
    }
}
