package io.parley.article;

import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class ArticleService {

    private final ParleyConfig config;

    ArticleService(ParleyConfig config) {
        this.config = config;
    }

    /**
     * The article a new comment goes to. An unknown id is registered on first comment only when the
     * page it comes from is on one of our sites, so nobody can open threads on arbitrary ids.
     */
    public Article forNewComment(String articleId, String articleUrl, Instant now) {
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
        if (article.closed) {
            throw ProblemException.forbidden("Comments are closed", "This article no longer accepts comments.");
        }
        if (article.firstCommentAt == null) {
            article.firstCommentAt = now;
        }
        return article;
    }

    public Optional<Article> find(String articleId) {
        return Article.findByIdOptional(articleId);
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
