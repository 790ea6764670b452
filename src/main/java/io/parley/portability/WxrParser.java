package io.parley.portability;

import io.parley.comment.CommentStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * WordPress eXtended RSS (WXR 1.0 to 1.2): each {@code item} is a post, its {@code wp:comment}s the
 * comments. Elements are matched by local name, since the wp namespace changes with the version.
 * Source ids are the site's address and the comment id, so two sites' comment 1 stay apart.
 */
final class WxrParser implements ExportParser {

    private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NO_DATE = "0000-00-00 00:00:00";

    @Override
    public void read(XMLStreamReader xml, ImportOptions options, Consumer<ImportItem> out) throws XMLStreamException {
        String site = "";
        Map<String, String> post = null;
        List<Map<String, String>> comments = new ArrayList<>();
        Map<String, String> comment = null;
        String metaKey = null; // the key of the meta field being read (Parley's own exports keep two there)
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new XMLStreamException("The file declares a DTD; exports never need one, and it is not read.", xml.getLocation());
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("comment") && comment != null) {
                    comments.add(comment);
                    comment = null;
                } else if (name.equals("item") && post != null) {
                    emit(site, post, comments, options, out);
                    post = null;
                    comments = new ArrayList<>();
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getLocalName();
            if (name.equals("item")) {
                post = new HashMap<>();
            } else if (name.equals("comment") && post != null) {
                comment = new HashMap<>();
                comment.put("line", Integer.toString(xml.getLocation().getLineNumber()));
            } else if (comment != null) {
                if (name.startsWith("comment_")) {
                    comment.put(name, xml.getElementText());
                } else if (name.equals("meta_key")) {
                    metaKey = xml.getElementText().strip();
                } else if (name.equals("meta_value") && metaKey != null) {
                    comment.put("meta:" + metaKey, xml.getElementText());
                }
            } else if (post != null) {
                if (name.equals("title") || name.equals("link") || name.equals("post_id") || name.equals("post_type")) {
                    post.put(name, xml.getElementText());
                } else if (name.equals("meta_key")) {
                    metaKey = xml.getElementText().strip();
                } else if (name.equals("meta_value") && metaKey != null) {
                    post.put("meta:" + metaKey, xml.getElementText());
                }
            } else if (name.equals("base_site_url") || name.equals("link") && site.isEmpty()) {
                site = xml.getElementText().strip();
            }
        }
    }

    private static void emit(String site, Map<String, String> post, List<Map<String, String>> comments, ImportOptions options,
            Consumer<ImportItem> out) {
        String postId = post.getOrDefault("post_id", "").strip();
        String url = blankToNull(post.get("link"));
        String own = post.get("meta:" + Exporter.ARTICLE_ID_META);
        String articleId = options.articleIdsFromUrl() && url != null ? ImportOptions.articleIdFromUrl(url)
                : ImportOptions.usable(own != null ? own.strip() : postId);
        String key = site + "#post-" + postId;
        if (articleId == null) {
            for (Map<String, String> c : comments) {
                out.accept(new ImportItem.Error(site + "#" + c.get("comment_id"), line(c), "the post has no usable id"));
            }
            return;
        }
        if (!comments.isEmpty()) {
            out.accept(new ImportItem.Thread(key, articleId, blankToNull(post.get("title")), url));
        }
        for (Map<String, String> c : comments) {
            out.accept(comment(site, key, c, options.timeZone()));
        }
    }

    private static ImportItem comment(String site, String threadKey, Map<String, String> c, ZoneId zone) {
        String id = site + "#" + c.getOrDefault("comment_id", "").strip();
        String type = c.getOrDefault("comment_type", "").strip();
        if (type.equals("pingback") || type.equals("trackback")) {
            return new ImportItem.Skipped(type);
        }
        Instant created = exact(c.get("meta:" + Exporter.CREATED_META));
        if (created == null) {
            created = date(c.get("comment_date_gmt"), ZoneOffset.UTC);
        }
        if (created == null) {
            created = date(c.get("comment_date"), zone);
        }
        if (created == null) {
            return new ImportItem.Error(id, line(c), "no readable comment_date_gmt or comment_date");
        }
        String parent = c.getOrDefault("comment_parent", "0").strip();
        String name = c.getOrDefault("comment_author", "").strip();
        boolean deleted = "deleted".equals(c.get("meta:" + Exporter.STATUS_META));
        return new ImportItem.Comment(id, parent.isEmpty() || parent.equals("0") ? null : site + "#" + parent, threadKey,
                name.isEmpty() ? "Anonymous" : name, blankToNull(c.get("comment_author_email")), blankToNull(c.get("comment_author_url")),
                blankToNull(c.get("comment_author_IP")), blankToNull(c.get("comment_agent")), created,
                deleted ? CommentStatus.DELETED : status(c.getOrDefault("comment_approved", "1").strip()),
                deleted ? null : c.getOrDefault("comment_content", ""), line(c));
    }

    /** WordPress's approval values: 1, 0, spam, trash (and post-trashed, for comments of a trashed post). */
    private static CommentStatus status(String approved) {
        return switch (approved) {
            case "1", "approve" -> CommentStatus.APPROVED;
            case "spam" -> CommentStatus.SPAM;
            case "trash", "post-trashed" -> CommentStatus.REJECTED;
            default -> CommentStatus.PENDING;
        };
    }

    private static Instant date(String text, ZoneId zone) {
        if (text == null || text.isBlank() || text.strip().equals(NO_DATE)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), WP_DATE).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The exact time Parley's own exports add. */
    private static Instant exact(String text) {
        try {
            return text == null ? null : Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int line(Map<String, String> c) {
        return Integer.parseInt(c.getOrDefault("line", "0"));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
