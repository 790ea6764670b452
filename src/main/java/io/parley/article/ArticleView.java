package io.parley.article;

import java.time.Instant;

/** An article as the admin API shows it. */
public record ArticleView(String id, String title, String url, boolean closed, boolean preModeration, Instant createdAt,
        Instant firstCommentAt, String defaultSort) {

    static ArticleView of(Article article) {
        return new ArticleView(article.id, article.title, article.url, article.closed, article.preModeration,
                article.createdAt, article.firstCommentAt, article.defaultSort == null ? "site" : article.defaultSort);
    }
}
