package io.parley.common.web;

import io.parley.common.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The newsroom's own sites ({@code parley.site.allowed-origins}): the only pages that may open
 * article threads, call the API from a browser and receive a login token.
 */
@ApplicationScoped
public class SiteOrigins {

    private final List<String> origins;

    SiteOrigins(ParleyConfig config) {
        this.origins = config.site().allowedOrigins().stream().map(SiteOrigins::originOf)
                .filter(o -> o != null).distinct().toList();
    }

    /** The allowed origin a URL (or a bare origin) belongs to, in canonical form. */
    public Optional<String> match(String url) {
        String origin = url == null ? null : originOf(url);
        return origin != null && origins.contains(origin) ? Optional.of(origin) : Optional.empty();
    }

    public List<String> all() {
        return origins;
    }

    /** scheme://host[:port] in lower case without a default port, or null when the text is not an absolute http(s) URL. */
    static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
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
