package io.parley.spam;

import io.parley.moderation.rules.WordMatcher;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the spam filter looks at: the comment's words (canonical, as the word lists see them), the
 * domains it links to, how many links, and signals about the author (email domain, a website, digits
 * or a URL in the name).
 */
final class SpamFeatures {

    private static final int MAX_FEATURES = 400;
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    private SpamFeatures() {
    }

    static Set<String> of(String body, String html, String authorName, String authorEmail, String website, boolean reply) {
        Set<String> features = new LinkedHashSet<>();
        if (body != null) {
            for (String word : WordMatcher.words(body)) {
                if (word.length() > 1 && word.length() <= 30 && features.size() < MAX_FEATURES) {
                    features.add(word);
                }
            }
        }
        int links = 0;
        if (html != null) {
            Matcher m = HREF.matcher(html);
            while (m.find()) {
                links++;
                host(m.group(1).replace("&amp;", "&")).ifPresent(h -> features.add("link-domain:" + h));
            }
        }
        features.add("links:" + Math.min(links, 4));
        if (authorEmail != null && authorEmail.contains("@")) {
            features.add("email-domain:" + authorEmail.substring(authorEmail.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        }
        if (website != null) {
            features.add("has-website");
            host(website).ifPresent(h -> features.add("website-domain:" + h));
        }
        if (authorName != null) {
            if (authorName.chars().anyMatch(Character::isDigit)) {
                features.add("name-has-digits");
            }
            String lower = authorName.toLowerCase(Locale.ROOT);
            if (lower.contains("http") || lower.contains("www.") || lower.contains(".com")) {
                features.add("name-has-url");
            }
        }
        if (reply) {
            features.add("is-reply");
        }
        int length = body == null ? 0 : body.length();
        features.add("length:" + (length < 40 ? "short" : length < 400 ? "medium" : "long"));
        return features;
    }

    private static java.util.Optional<String> host(String url) {
        try {
            String host = new URI(url.strip()).getHost();
            return java.util.Optional.ofNullable(host).map(h -> h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
