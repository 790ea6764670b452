package io.parley.notify;

import io.parley.common.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links in mail lead to this service's public address ({@code parley.public-url}). */
@ApplicationScoped
class PublicLinks {

    private final String base;

    PublicLinks(ParleyConfig config) {
        this.base = config.publicUrl().replaceAll("/+$", "");
    }

    String to(String path) {
        return base + path;
    }

    /** {@code path?name=value}, the value encoded. */
    String to(String path, String name, String value) {
        return base + path + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
