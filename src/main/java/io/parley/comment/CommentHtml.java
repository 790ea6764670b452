package io.parley.comment;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.HtmlStreamRenderer;
import org.owasp.html.PolicyFactory;

/**
 * Turns what a reader typed into the HTML other readers see: plain text with line breaks, plus the
 * WordPress comment allow-list, sanitised by the OWASP Java HTML Sanitizer. Bare URLs become links;
 * every link is http, https or mailto and carries {@code rel="nofollow ugc noopener"}.
 */
public final class CommentHtml {

    private static final String[] LINK_RELS = {"nofollow", "ugc", "noopener"};

    /** wp_kses's $allowedtags, the tags WordPress accepts in comments. */
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("a", "abbr", "b", "blockquote", "cite", "code", "del", "em", "i", "q", "s", "strong")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").matching(CommentHtml::absoluteUrl).onElements("a")
            .allowAttributes("title").onElements("a", "abbr")
            .allowAttributes("cite").matching(CommentHtml::absoluteUrl).onElements("blockquote", "q")
            .allowAttributes("datetime").matching(Pattern.compile("[0-9T:.+\\-Z ]{1,40}")).onElements("del")
            .requireRelsOnLinks(LINK_RELS)
            .toFactory();

    /** A bare http(s) or www. address in text; trailing punctuation belongs to the sentence. */
    private static final Pattern BARE_URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s<>\"'`]+[^\\s<>\"'`.,;:!?)\\]}]");

    /** Relative URLs would resolve against the article page ({@code //evil.example} included): absolute only. */
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(?:https?://[^\\s/?#]+|mailto:)[^\\s]*");

    private static final String REL = String.join(" ", LINK_RELS);

    private CommentHtml() {
    }

    private static String absoluteUrl(String element, String attribute, String value) {
        String url = value.strip();
        return ABSOLUTE_URL.matcher(url).matches() ? url : null;
    }

    /** The sanitised HTML, and whether it shows any text at all. */
    public record Rendered(String html, boolean visible) {
    }

    public static Rendered render(String body) {
        String text = body.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder html = new StringBuilder(text.length() + 16);
        Linkifier linkifier = new Linkifier(HtmlStreamRenderer.create(html, error -> { }));
        HtmlSanitizer.sanitize(text, POLICY.apply(linkifier));
        return new Rendered(html.toString(), linkifier.visible);
    }

    /**
     * Sits after the policy: links what the policy let through as text, outside existing links,
     * and turns line breaks into {@code <br>}. Text arrives in pieces, so it is gathered until the
     * next tag before URLs are looked for.
     */
    private static final class Linkifier implements HtmlStreamEventReceiver {

        private final HtmlStreamEventReceiver out;
        private final StringBuilder pending = new StringBuilder();
        private int openLinks;
        private boolean visible;

        Linkifier(HtmlStreamEventReceiver out) {
            this.out = out;
        }

        @Override
        public void openDocument() {
            out.openDocument();
        }

        @Override
        public void closeDocument() {
            flush();
            out.closeDocument();
        }

        @Override
        public void openTag(String name, List<String> attrs) {
            flush();
            if ("a".equals(name)) {
                openLinks++;
                attrs = withRel(attrs);
            }
            out.openTag(name, attrs);
        }

        @Override
        public void closeTag(String name) {
            flush();
            if ("a".equals(name) && openLinks > 0) {
                openLinks--;
            }
            out.closeTag(name);
        }

        @Override
        public void text(String text) {
            pending.append(text);
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            String text = pending.toString();
            pending.setLength(0);
            visible |= !text.isBlank();
            if (openLinks > 0) {
                lines(text);
                return;
            }
            Matcher m = BARE_URL.matcher(text);
            int at = 0;
            while (m.find()) {
                lines(text.substring(at, m.start()));
                String url = m.group();
                out.openTag("a", List.of("href", url.regionMatches(true, 0, "www.", 0, 4) ? "http://" + url : url,
                        "rel", REL));
                out.text(url);
                out.closeTag("a");
                at = m.end();
            }
            lines(text.substring(at));
        }

        /** One spelling of rel on every link, whichever way it was made. */
        private static List<String> withRel(List<String> attrs) {
            List<String> result = new java.util.ArrayList<>(attrs.size() + 2);
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if (!"rel".equals(attrs.get(i))) {
                    result.add(attrs.get(i));
                    result.add(attrs.get(i + 1));
                }
            }
            result.add("rel");
            result.add(REL);
            return result;
        }

        private void lines(String text) {
            String[] parts = text.split("\n", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    out.openTag("br", List.of());
                }
                if (!parts[i].isEmpty()) {
                    out.text(parts[i]);
                }
            }
        }
    }
}
