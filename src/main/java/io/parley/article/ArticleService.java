package io.parley.article;

import io.parley.common.web.SiteOrigins;
import io.parley.common.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

@ApplicationScoped
public class ArticleService {

    /** Newsroom article ids: slugs, numbers, GUIDs. */
    public static final String ARTICLE_ID = "[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}";

    private final SiteOrigins sites;
    private final Clock clock;

    ArticleService(SiteOrigins sites, Clock clock) {
        this.sites = sites;
        this.clock = clock;
    }

    /**
     * The article a new comment goes to. An unknown id is registered on first comment only when the
     * page it comes from is on one of our sites, so nobody can open threads on arbitrary ids.
     */
    public Article forNewComment(String articleId, String articleUrl, Instant now, int closeAfterDays) {
        Article article = Article.findById(articleId);
        if (article == null) {
            if (articleUrl == null || !sites.match(articleUrl).isPresent()) {
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
}
