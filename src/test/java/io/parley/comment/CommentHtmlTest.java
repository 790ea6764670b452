package io.parley.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommentHtmlTest {

    /** What WordPress lets commenters use, plus the line breaks we add. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("a", Set.of("href", "title", "rel")), Map.entry("abbr", Set.of("title")), Map.entry("b", Set.of()),
            Map.entry("blockquote", Set.of("cite")), Map.entry("cite", Set.of()), Map.entry("code", Set.of()),
            Map.entry("del", Set.of("datetime")), Map.entry("em", Set.of()), Map.entry("i", Set.of()),
            Map.entry("q", Set.of("cite")), Map.entry("s", Set.of()), Map.entry("strong", Set.of()), Map.entry("br", Set.of()));

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)((?:\\s+[a-z-]+=\"[^\"<>]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    static Stream<String> hostileInputs() throws IOException {
        try (InputStream in = CommentHtmlTest.class.getResourceAsStream("/hostile/xss.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList().stream();
        }
    }

    /**
     * Checks the output the way a browser would meet it: every '<' opens an allowed tag with allowed,
     * double-quoted attributes; every URL is http(s) or mailto; every link carries the rel we require.
     */
    static void assertOnlyAllowListMarkup(String html) {
        Matcher tag = TAG.matcher(html);
        int at = 0;
        while (at < html.length()) {
            int lt = html.indexOf('<', at);
            if (lt < 0) {
                break;
            }
            if (!tag.find(lt) || tag.start() != lt) {
                fail("bare '<' or malformed tag at " + lt + " in: " + html);
            }
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            assertTrue(ALLOWED.containsKey(name), "tag <" + name + "> in: " + html);
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            boolean hasRel = false;
            while (attribute.find()) {
                String attr = attribute.group(1);
                String value = decode(attribute.group(2)).strip().toLowerCase(Locale.ROOT);
                assertTrue(ALLOWED.get(name).contains(attr), "attribute " + attr + " on <" + name + "> in: " + html);
                if (attr.equals("href") || attr.equals("cite")) {
                    assertTrue(value.startsWith("http://") || value.startsWith("https://") || value.startsWith("mailto:"),
                            "URL " + value + " in: " + html);
                }
                if (attr.equals("rel")) {
                    hasRel = List.of(value.split("\\s+")).containsAll(List.of("nofollow", "ugc", "noopener"));
                }
            }
            if (name.equals("a") && tag.group(1).isEmpty()) {
                assertTrue(hasRel, "link without rel=nofollow ugc noopener in: " + html);
            }
            at = tag.end();
        }
        assertFalse(html.contains(">\"") && html.contains("onerror="), html);
    }

    private static String decode(String attributeValue) {
        return attributeValue.replace("&#34;", "\"").replace("&#39;", "'").replace("&amp;", "&").replace("&#61;", "=")
                .replace("&#64;", "@").replace("&#43;", "+").replace("&#96;", "`");
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileMarkupLeavesOnlyTheAllowList(String input) {
        assertOnlyAllowListMarkup(CommentHtml.render(input).html());
    }

    @Test
    void allowListSurvives() {
        String input = "<b>b</b> <i>i</i> <em>em</em> <strong>s</strong> <code>c</code> <cite>ci</cite> <s>st</s> "
                + "<del datetime=\"2026-01-01\">d</del> <abbr title=\"World Health Organization\">WHO</abbr> "
                + "<q cite=\"https://example.com/q\">q</q> <blockquote cite=\"https://example.com/b\">bq</blockquote> "
                + "<a href=\"https://example.com/\" title=\"t\">link</a>";
        String html = CommentHtml.render(input).html();
        assertEquals("<b>b</b> <i>i</i> <em>em</em> <strong>s</strong> <code>c</code> <cite>ci</cite> <s>st</s> "
                + "<del datetime=\"2026-01-01\">d</del> <abbr title=\"World Health Organization\">WHO</abbr> "
                + "<q cite=\"https://example.com/q\">q</q> <blockquote cite=\"https://example.com/b\">bq</blockquote> "
                + "<a href=\"https://example.com/\" title=\"t\" rel=\"nofollow ugc noopener\">link</a>", html);
    }

    @Test
    void scriptsAndHandlersAreGoneButTheirTextIsNot() {
        assertEquals("Hello ", CommentHtml.render("Hello <script>alert(1)</script>").html());
        assertEquals("<b>bold</b>", CommentHtml.render("<b onclick=\"x()\">bold</b>").html());
        assertEquals("bad", CommentHtml.render("<a href=\"javascript:alert(1)\">bad</a>").html());
        assertEquals("relative", CommentHtml.render("<a href=\"//evil.example/x\">relative</a>").html());
    }

    @Test
    void lineBreaksAndBareUrlsBecomeMarkup() {
        assertEquals("one<br />two<br /><br />three", CommentHtml.render("one\ntwo\r\n\r\nthree").html());
        // OWASP's renderer spells '=' as &#61;, which browsers read as '='
        assertEquals("see <a href=\"https://example.com/a?b&#61;1&amp;c&#61;2\" rel=\"nofollow ugc noopener\">"
                + "https://example.com/a?b&#61;1&amp;c&#61;2</a>.", CommentHtml.render("see https://example.com/a?b=1&c=2.").html());
        assertEquals("(<a href=\"http://www.example.com\" rel=\"nofollow ugc noopener\">www.example.com</a>)",
                CommentHtml.render("(www.example.com)").html());
        // an existing link is not linked twice
        assertEquals("<a href=\"https://example.com\" rel=\"nofollow ugc noopener\">https://example.com</a>",
                CommentHtml.render("<a href=\"https://example.com\">https://example.com</a>").html());
    }

    @Test
    void textIsEscapedNotInterpreted() {
        assertEquals("2 &lt; 3 &amp;&amp; 5 &gt; 4", CommentHtml.render("2 < 3 && 5 > 4").html());
        assertEquals("I &lt;3 this", CommentHtml.render("I <3 this").html());
    }

    @Test
    void markupWithoutTextIsEmpty() {
        assertFalse(CommentHtml.render("<script>alert(1)</script>").visible());
        assertFalse(CommentHtml.render("<b> </b>").visible());
        assertTrue(CommentHtml.render("<b>x</b>").visible());
    }
}
