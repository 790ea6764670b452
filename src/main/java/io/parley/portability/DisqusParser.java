package io.parley.portability;

import io.parley.comment.CommentStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Disqus's XML export: {@code thread}s (an article: identifier, link, title) and {@code post}s
 * naming their thread and parent by {@code dsq:id}. Deleted posts stay as deleted placeholders (so
 * their replies keep their place), spam is marked spam, the rest is published.
 */
final class DisqusParser implements ExportParser {

    private static final String INTERNALS = "http://disqus.com/disqus-internals";

    @Override
    public void read(XMLStreamReader xml, ImportOptions options, Consumer<ImportItem> out) throws XMLStreamException {
        Map<String, String> record = null;
        String kind = null;
        String section = null; // "author" inside a post
        int depth = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new XMLStreamException("The file declares a DTD; exports never need one, and it is not read.", xml.getLocation());
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 1 && record != null) {
                    out.accept(kind.equals("thread") ? thread(record, options) : post(record));
                    record = null;
                } else if (xml.getLocalName().equals("author")) {
                    section = null;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            String name = xml.getLocalName();
            if (depth == 2) {
                kind = name;
                record = name.equals("thread") || name.equals("post") ? new HashMap<>() : null;
                if (record != null) {
                    record.put("dsq", dsqId(xml));
                    record.put("line", Integer.toString(xml.getLocation().getLineNumber()));
                }
            } else if (record != null && depth == 3 && (name.equals("thread") || name.equals("parent"))) {
                record.put(name, dsqId(xml)); // a post's references
            } else if (record != null && depth == 3 && name.equals("author")) {
                section = "author";
            } else if (record != null && (depth == 3 || depth == 4 && "author".equals(section))) {
                String field = depth == 4 ? "author." + name : name;
                record.put(field, xml.getElementText());
                depth--; // getElementText consumed the end tag
            }
        }
    }

    private static ImportItem thread(Map<String, String> t, ImportOptions options) {
        String identifier = WxrParser.blankToNull(t.get("id"));
        String url = WxrParser.blankToNull(t.get("link"));
        String articleId = options.articleIdsFromUrl() || identifier == null
                ? (url == null ? null : ImportOptions.articleIdFromUrl(url))
                : ImportOptions.usable(identifier);
        if (articleId == null) {
            return new ImportItem.Error("thread " + t.get("dsq"), Integer.parseInt(t.get("line")), "the thread has no usable identifier or link");
        }
        return new ImportItem.Thread("dsq:" + t.get("dsq"), articleId, WxrParser.blankToNull(t.get("title")), url);
    }

    private static ImportItem post(Map<String, String> p) {
        String id = "dsq:" + p.get("dsq");
        int line = Integer.parseInt(p.get("line"));
        Instant created;
        try {
            created = Instant.parse(p.getOrDefault("createdAt", "").strip());
        } catch (DateTimeParseException e) {
            return new ImportItem.Error(id, line, "no readable createdAt");
        }
        if (p.get("thread") == null) {
            return new ImportItem.Error(id, line, "the post names no thread");
        }
        boolean deleted = "true".equals(p.getOrDefault("isDeleted", "").strip());
        CommentStatus status = deleted ? CommentStatus.DELETED
                : "true".equals(p.getOrDefault("isSpam", "").strip()) ? CommentStatus.SPAM : CommentStatus.APPROVED;
        String name = WxrParser.blankToNull(p.get("author.name"));
        return new ImportItem.Comment(id, p.get("parent") == null ? null : "dsq:" + p.get("parent"), "dsq:" + p.get("thread"),
                name == null ? "Anonymous" : name, WxrParser.blankToNull(p.get("author.email")), null,
                WxrParser.blankToNull(p.get("ipAddress")), null, created, status, deleted ? null : p.getOrDefault("message", ""), line);
    }

    private static String dsqId(XMLStreamReader xml) {
        String id = xml.getAttributeValue(INTERNALS, "id");
        if (id == null) {
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                if (xml.getAttributeLocalName(i).equals("id")) {
                    return xml.getAttributeValue(i);
                }
            }
        }
        return id;
    }
}
