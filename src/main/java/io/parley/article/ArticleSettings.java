package io.parley.article;

import io.parley.common.validation.WebAddress;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin sets on an article; absent fields keep their current value. */
public record ArticleSettings(
        @Size(max = 500) String title,
        @WebAddress @Size(max = 2000) String url,
        Boolean closed,
        Boolean preModeration,
        @Pattern(regexp = "oldest|newest|best|site", message = "must be oldest, newest, best, or site for the site's default")
        String defaultSort) {
}
