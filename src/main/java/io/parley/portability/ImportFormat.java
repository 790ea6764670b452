package io.parley.portability;

import io.parley.common.paging.Keyset;
import java.util.Locale;

/** The export files Parley reads: WordPress's WXR (1.0 to 1.2) and Disqus's XML export. */
enum ImportFormat {
    WXR, DISQUS;

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImportFormat parse(String name) {
        if ("wxr".equals(name)) {
            return WXR;
        }
        if ("disqus".equals(name)) {
            return DISQUS;
        }
        throw Keyset.badParameter("format", "must be wxr or disqus");
    }
}
