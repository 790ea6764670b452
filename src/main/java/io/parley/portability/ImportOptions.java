package io.parley.portability;

import io.parley.article.ArticleService;
import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;

/**
 * How an import reads its file: article ids from the source's own ids (a WordPress post id, a Disqus
 * identifier) or from the article URLs, and the time zone of WordPress's local dates, used when a
 * comment has no GMT date; and whether the spam filter learns from the statuses the comments bring.
 */
record ImportOptions(boolean articleIdsFromUrl, ZoneId timeZone, boolean learnSpam) {

    static final ImportOptions DEFAULTS = new ImportOptions(false, ZoneId.of("UTC"), false);

    /** An article id made from a URL's path ("/2024/05/council-budget/" gives "2024-05-council-budget"). */
    static String articleIdFromUrl(String url) {
        String path;
        try {
            URI uri = URI.create(url.strip());
            path = uri.getPath() == null || uri.getPath().isBlank() || uri.getPath().equals("/") ? uri.getHost() : uri.getPath();
        } catch (IllegalArgumentException e) {
            path = url;
        }
        return usable(path == null ? "" : path.toLowerCase(Locale.ROOT));
    }

    /** The id as given when Parley accepts it, else made acceptable (spaces and slashes become hyphens). */
    static String usable(String id) {
        if (id.matches(ArticleService.ARTICLE_ID)) {
            return id;
        }
        String cleaned = id.strip().replaceAll("[^A-Za-z0-9._:~-]+", "-").replaceAll("^[^A-Za-z0-9]+|-+$", "");
        if (cleaned.length() > 200) {
            cleaned = cleaned.substring(0, 200);
        }
        return cleaned.matches(ArticleService.ARTICLE_ID) ? cleaned : null;
    }
}
