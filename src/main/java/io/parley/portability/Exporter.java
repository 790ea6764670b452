package io.parley.portability;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.ParleyConfig;
import io.parley.common.db.SqlTimes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Streams every comment (or one article's) out as WXR 1.2, which WordPress's importer reads, or as
 * JSON: rows come from one cursor in article order, so memory stays flat however many there are.
 * WXR has no "deleted", no string post ids and no time finer than the second: they travel in meta
 * fields Parley's importer reads back (parley_status, parley_article_id, parley_created_at), so an
 * export imported again gives the same threads.
 */
@ApplicationScoped
class Exporter {

    static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String WP = "http://wordpress.org/export/1.2/";
    static final String ARTICLE_ID_META = "parley_article_id";
    static final String STATUS_META = "parley_status";
    static final String CREATED_META = "parley_created_at";

    /** One comment with its article, as both formats need it. */
    record Row(long id, String articleId, String title, String url, Long parentId, String name, String email, String website,
            String ip, String userAgent, Instant createdAt, String status, String body) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final ParleyConfig config;

    Exporter(EntityManager em, ObjectMapper json, ParleyConfig config) {
        this.em = em;
        this.json = json;
        this.config = config;
    }

    void wxr(String articleId, OutputStream out) {
        rows(articleId, rows -> {
            try {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("rss");
                xml.writeAttribute("version", "2.0");
                xml.writeNamespace("wp", WP);
                xml.writeNamespace("content", "http://purl.org/rss/1.0/modules/content/");
                xml.writeNamespace("dc", "http://purl.org/dc/elements/1.1/");
                xml.writeStartElement("channel");
                text(xml, null, "title", "Comments exported from Parley");
                text(xml, null, "link", config.publicUrl());
                text(xml, WP, "wxr_version", "1.2");
                text(xml, WP, "base_site_url", config.publicUrl());
                String article = null;
                int post = 0;
                while (rows.hasNext()) {
                    Row row = rows.next();
                    if (!row.articleId().equals(article)) {
                        if (article != null) {
                            xml.writeEndElement(); // item
                        }
                        article = row.articleId();
                        post++;
                        item(xml, row, post);
                    }
                    comment(xml, row);
                }
                if (article != null) {
                    xml.writeEndElement();
                }
                xml.writeEndElement(); // channel
                xml.writeEndElement(); // rss
                xml.writeEndDocument();
                xml.flush();
            } catch (XMLStreamException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        });
    }

    /** A post for the article: WordPress needs a numeric post id; the article's own id goes in a meta field. */
    private static void item(XMLStreamWriter xml, Row row, int post) throws XMLStreamException {
        xml.writeStartElement("item");
        text(xml, null, "title", row.title() == null ? "" : row.title());
        text(xml, null, "link", row.url() == null ? "" : row.url());
        text(xml, WP, "post_id", row.articleId().matches("\\d{1,18}") ? row.articleId() : Integer.toString(post));
        text(xml, WP, "post_name", row.articleId());
        text(xml, WP, "post_type", "post");
        text(xml, WP, "status", "publish");
        text(xml, WP, "comment_status", "open");
        meta(xml, "postmeta", ARTICLE_ID_META, row.articleId());
    }

    private static void comment(XMLStreamWriter xml, Row row) throws XMLStreamException {
        xml.writeStartElement(WP, "comment");
        text(xml, WP, "comment_id", Long.toString(row.id()));
        text(xml, WP, "comment_author", row.name());
        text(xml, WP, "comment_author_email", row.email() == null ? "" : row.email());
        text(xml, WP, "comment_author_url", row.website() == null ? "" : row.website());
        text(xml, WP, "comment_author_IP", row.ip() == null ? "" : row.ip());
        text(xml, WP, "comment_date", WP_DATE.format(row.createdAt()));
        text(xml, WP, "comment_date_gmt", WP_DATE.format(row.createdAt()));
        xml.writeStartElement(WP, "comment_content");
        xml.writeCData(row.body() == null ? "" : row.body().replace("]]>", "]]]]><![CDATA[>"));
        xml.writeEndElement();
        text(xml, WP, "comment_approved", switch (row.status()) {
            case "APPROVED" -> "1";
            case "SPAM" -> "spam";
            case "REJECTED", "DELETED" -> "trash";
            default -> "0";
        });
        text(xml, WP, "comment_type", "comment");
        text(xml, WP, "comment_parent", row.parentId() == null ? "0" : row.parentId().toString());
        text(xml, WP, "comment_agent", row.userAgent() == null ? "" : row.userAgent());
        if (row.status().equals("DELETED")) {
            meta(xml, "commentmeta", STATUS_META, "deleted");
        }
        meta(xml, "commentmeta", CREATED_META, row.createdAt().toString()); // WordPress dates stop at the second
        xml.writeEndElement();
    }

    private static void meta(XMLStreamWriter xml, String element, String key, String value) throws XMLStreamException {
        xml.writeStartElement(WP, element);
        text(xml, WP, "meta_key", key);
        text(xml, WP, "meta_value", value);
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String namespace, String name, String value) throws XMLStreamException {
        if (namespace == null) {
            xml.writeStartElement(name);
        } else {
            xml.writeStartElement(namespace, name);
        }
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    void json(String articleId, OutputStream out) {
        rows(articleId, rows -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeStringField("exportedAt", Instant.now().toString());
                generator.writeArrayFieldStart("articles");
                String article = null;
                while (rows.hasNext()) {
                    Row row = rows.next();
                    if (!row.articleId().equals(article)) {
                        if (article != null) {
                            generator.writeEndArray();
                            generator.writeEndObject();
                        }
                        article = row.articleId();
                        generator.writeStartObject();
                        generator.writeStringField("id", row.articleId());
                        generator.writeStringField("title", row.title());
                        generator.writeStringField("url", row.url());
                        generator.writeArrayFieldStart("comments");
                    }
                    generator.writeStartObject();
                    generator.writeNumberField("id", row.id());
                    if (row.parentId() == null) {
                        generator.writeNullField("parentId");
                    } else {
                        generator.writeNumberField("parentId", row.parentId());
                    }
                    generator.writeStringField("status", row.status().toLowerCase(java.util.Locale.ROOT));
                    generator.writeStringField("createdAt", row.createdAt().toString());
                    generator.writeObjectFieldStart("author");
                    generator.writeStringField("name", row.name());
                    generator.writeStringField("email", row.email());
                    generator.writeStringField("website", row.website());
                    generator.writeStringField("ip", row.ip());
                    generator.writeStringField("userAgent", row.userAgent());
                    generator.writeEndObject();
                    generator.writeStringField("body", row.body());
                    generator.writeEndObject();
                }
                if (article != null) {
                    generator.writeEndArray();
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The rows through one database cursor, in article then time order, inside a read-only transaction. */
    @SuppressWarnings("unchecked")
    private void rows(String articleId, java.util.function.Consumer<Iterator<Row>> writer) {
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            var query = em.createNativeQuery("""
                    select c.id, c.article_id, a.title, a.url, c.parent_id, c.author_name, c.author_email, c.author_website,
                           host(c.author_ip), c.user_agent, c.created_at, c.status, c.body
                    from comment c join article a on a.id = c.article_id
                    where (cast(?1 as text) is null or c.article_id = ?1)
                    order by c.article_id, c.created_at, c.id""").setParameter(1, articleId)
                    .setHint("org.hibernate.fetchSize", 1000).setHint("org.hibernate.readOnly", true);
            try (Stream<Object[]> stream = query.getResultStream()) {
                writer.accept(stream.map(r -> new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                        r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                        (String) r[9], SqlTimes.instant(r[10]), (String) r[11], (String) r[12])).iterator());
            }
        });
    }
}
