package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.parley.common.db.EmbeddedDatabase;
import io.parley.testing.AdminTokens;
import io.parley.testing.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzzes every endpoint that takes a body (and the query parameters and path ids of the others)
 * with generated JSON: the documented fields filled with hostile strings (U+0000, lone surrogates,
 * controls, noncharacters, bidi overrides), wrong types, unknown fields, deep nesting, oversized
 * values and raw bytes. Whatever comes, the answer is never a 5xx, every 4xx is problem+json, and
 * a 4xx changes nothing in the database.
 *
 * <p>Jazzer (coverage-guided, libFuzzer's mutations) drives the generator through its
 * FuzzedDataProvider; the service runs as the packaged jar on a PostgreSQL this test owns. In
 * {@code ./mvnw verify} it fuzzes for 40 s from a fixed seed (failsafe's settings in pom.xml), after
 * replaying the inputs that once failed (HostileInputFuzzITInputs); {@link #forAnHour} runs longer.
 */
class HostileInputFuzzIT {

    /** Strings that have broken services before: the classes Parley refuses, and some it must accept. */
    private static final String[] HOSTILE = {
        "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud800y", "\udc00\ud800", "\ud83d\ude00", "\u0007", "\u001b[31mred", "\r",
        "\r\n", "\u0085", "\u009f", "\u007f", "\ufffe", "\uffff", "\ufdd0", "\udbff\udfff", "\u202eevil", "\u200b", "\ufeff", "",
        " ", "'; drop table comment; --", "<script>alert(1)</script>", "%00", "%ED%A0%80", "\\u0000", "null", "true", "-1",
        "9223372036854775808", "1e309", "NaN", "ann@example.com", "https://example.com/", "javascript:alert(1)", "10.0.0.0/8",
        "::1", "2026-11-30T00:00:00Z", "approve", "pending", "other", "ip", "email", "commenter", "Å".repeat(300),
    };

    private record Field(String name, String kind) {
    }

    private record Endpoint(String method, String path, String auth, List<Field> fields) {
    }

    private static final List<Field> AUTHOR = List.of(new Field("name", "text"), new Field("email", "email"),
            new Field("website", "url"));

    private static final List<Endpoint> WITH_BODY = List.of(
            new Endpoint("POST", "/api/v1/articles/{article}/comments", "guest", List.of(new Field("body", "text"),
                    new Field("parentId", "id"), new Field("articleUrl", "url"), new Field("notify", "bool"), new Field("author", "author"))),
            new Endpoint("PATCH", "/api/v1/comments/{id}", "commenter", List.of(new Field("body", "text"))),
            new Endpoint("POST", "/api/v1/comments/{id}/flags", "guest", List.of(new Field("reason", "reportReason"), new Field("note", "text"))),
            new Endpoint("POST", "/admin/v1/comments/{id}/decisions", "admin", List.of(new Field("action", "action"),
                    new Field("reason", "text"), new Field("expectedVersion", "int"))),
            new Endpoint("POST", "/admin/v1/decisions", "admin", List.of(new Field("ids", "ids"), new Field("action", "action"),
                    new Field("reason", "text"))),
            new Endpoint("PUT", "/admin/v1/settings", "admin", List.of(new Field("manualApproval", "bool"),
                    new Field("approvedCommentsToTrust", "int"), new Field("holdLinkCount", "int"), new Field("moderationKeys", "words"),
                    new Field("disallowedKeys", "words"), new Field("bannedWords", "words"), new Field("suspectWords", "words"),
                    new Field("maxDepth", "int"), new Field("editWindowSeconds", "int"), new Field("closeAfterDays", "int"),
                    new Field("reportsToRequeue", "int"), new Field("floodIntervalSeconds", "int"), new Field("spamThreshold", "fraction"),
                    new Field("spamHoldThreshold", "fraction"))),
            new Endpoint("POST", "/admin/v1/bans", "admin", List.of(new Field("kind", "banKind"), new Field("value", "text"),
                    new Field("reason", "text"), new Field("expiresAt", "time"))),
            new Endpoint("PUT", "/admin/v1/articles/{article}", "admin", List.of(new Field("title", "text"), new Field("url", "url"),
                    new Field("closed", "bool"), new Field("preModeration", "bool"), new Field("defaultSort", "text"))),
            new Endpoint("POST", "/admin/v1/authors/{id}/notes", "admin", List.of(new Field("text", "text"))),
            new Endpoint("POST", "/admin/v1/comments/{id}/feature", "admin", List.of(new Field("pinned", "bool"))),
            new Endpoint("POST", "/api/v1/privacy-requests", "guest", List.of(new Field("email", "email"), new Field("kind", "text"))),
            new Endpoint("POST", "/admin/v1/settings/dry-run", "admin", List.of(new Field("settings", "settings"), new Field("last", "int"))));

    private static final List<Endpoint> WITH_QUERY = List.of(
            new Endpoint("GET", "/api/v1/articles/{article}/comments", "guest", List.of(new Field("sort", "text"),
                    new Field("limit", "int"), new Field("cursor", "text"))),
            new Endpoint("GET", "/api/v1/counts", "guest", List.of(new Field("articleId", "text"), new Field("articleId", "text"))),
            new Endpoint("GET", "/admin/v1/comments", "admin", List.of(new Field("status", "text"), new Field("articleId", "text"),
                    new Field("authorId", "id"), new Field("reported", "bool"), new Field("limit", "int"), new Field("cursor", "text"))),
            new Endpoint("GET", "/admin/v1/comments/{id}", "admin", List.of()),
            new Endpoint("GET", "/admin/v1/audit", "admin", List.of(new Field("actor", "text"), new Field("commentId", "id"),
                    new Field("since", "time"), new Field("until", "time"), new Field("cursor", "text"))),
            new Endpoint("DELETE", "/admin/v1/bans/{id}", "admin", List.of()),
            new Endpoint("DELETE", "/api/v1/comments/{id}", "commenter", List.of()),
            new Endpoint("GET", "/auth/me", "commenter", List.of()),
            new Endpoint("POST", "/admin/v1/comments/{id}/claim", "admin", List.of()),
            new Endpoint("GET", "/admin/v1/authors/{id}", "admin", List.of()),
            new Endpoint("GET", "/api/v1/articles/{article}/picks", "guest", List.of()),
            new Endpoint("GET", "/api/v1/comments/{id}/position", "guest", List.of(new Field("sort", "text"))),
            new Endpoint("POST", "/api/v1/comments/{id}/likes", "guest", List.of()),
            new Endpoint("DELETE", "/api/v1/comments/{id}/likes", "commenter", List.of()),
            new Endpoint("GET", "/admin/v1/people", "admin", List.of(new Field("email", "text"), new Field("commenterId", "id"))),
            new Endpoint("GET", "/admin/v1/exports", "admin", List.of(new Field("format", "text"), new Field("articleId", "text"))),
            new Endpoint("GET", "/admin/v1/imports/{id}", "admin", List.of()),
            new Endpoint("GET", "/admin/", "admin", List.of(new Field("tab", "text"), new Field("q", "text"), new Field("min", "text"),
                    new Field("sort", "text"), new Field("reason", "text"), new Field("cursor", "text"))));

    /** Jackson escapes every non-ASCII character, lone surrogates included, as a client's own JSON writer may. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private static EmbeddedPostgres postgres;
    private static PackagedService service;
    private static Connection db;
    private static HttpClient http;
    private static String adminToken;
    private static String commenterToken;
    private static long commentId;
    private static final AtomicLong requests = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.start(Files.createTempDirectory("parley-fuzz-db"), false);
        String url = EmbeddedDatabase.connectionProperties(postgres).get(EmbeddedDatabase.URL_KEY);
        service = PackagedService.on(url, "postgres", "postgres", "-Dquarkus.shutdown.delay=0s").start();
        db = DriverManager.getConnection(url, "postgres", "postgres");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        adminToken = AdminTokens.admin();
        send("PUT", "/admin/v1/settings", "admin", "{\"floodIntervalSeconds\":0,\"approvedCommentsToTrust\":0}");
        HttpResponse<String> posted = send("POST", "/api/v1/articles/fuzz/comments", "guest",
                "{\"body\":\"A calm first comment.\",\"articleUrl\":\"http://localhost:8080/news/fuzz\","
                        + "\"author\":{\"name\":\"Ann\",\"email\":\"ann@example.com\"}}");
        assertEquals(201, posted.statusCode(), posted.body());
        JsonNode comment = JSON.readTree(posted.body());
        commentId = comment.get("id").asLong();
        commenterToken = comment.get("commenterToken").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.printf("hostile input fuzzing: %d requests, no 5xx, every 4xx a problem that changed nothing%n", requests.get());
        db.close();
        service.close();
        postgres.close();
    }

    /** Longer, by hand: {@code ./mvnw verify -Dit.test='HostileInputFuzzIT#forAnHour' -Dparley.fuzz.long=true}. */
    @EnabledIfSystemProperty(named = "parley.fuzz.long", matches = "true")
    @FuzzTest(maxDuration = "1h")
    void forAnHour(FuzzedDataProvider data) throws Exception {
        everyBadRequestIsAProblemThatChangesNothing(data);
    }

    @FuzzTest(maxDuration = "40s")
    void everyBadRequestIsAProblemThatChangesNothing(FuzzedDataProvider data) throws Exception {
        boolean withBody = data.consumeBoolean();
        Endpoint endpoint = data.pickValue(withBody ? WITH_BODY : WITH_QUERY);
        String path = endpoint.path().replace("{article}", pathSegment(data, "fuzz")).replace("{id}", pathSegment(data, Long.toString(commentId)));
        String body = null;
        if (withBody) {
            body = document(data, endpoint.fields());
        } else if (!endpoint.fields().isEmpty()) {
            path += "?" + query(data, endpoint.fields());
        }
        String before = fingerprint();
        HttpResponse<String> answer = send(endpoint.method(), path, endpoint.auth(), body);
        requests.incrementAndGet();
        int status = answer.statusCode();
        String request = endpoint.method() + " " + path + (body == null ? "" : " " + abbreviated(body));
        assertTrue(status < 500, "answered " + status + " to " + request + ": " + answer.body());
        if (status >= 400) {
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), request);
            assertEquals(status, JSON.readTree(answer.body()).get("status").asInt(), request);
            assertEquals(before, fingerprint(), "a " + status + " changed the database: " + request);
        }
    }

    /** A body: mostly the endpoint's own fields with hostile or wrongly typed values, sometimes not JSON at all. */
    private static String document(FuzzedDataProvider data, List<Field> fields) throws Exception {
        switch (data.consumeInt(0, 15)) {
            case 0:
                return new String(data.consumeBytes(512), StandardCharsets.ISO_8859_1);
            case 1: {
                int depth = data.consumeInt(10, 3000);
                boolean arrays = data.consumeBoolean();
                String open = arrays ? "[" : "{\"" + fields.get(0).name() + "\":";
                return open.repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
            }
            case 2:
                return "{\"" + fields.get(0).name() + "\":\"" + "x".repeat(data.consumeInt(60_000, 300_000)) + "\"}";
            default:
                return JSON.writeValueAsString(object(data, fields));
        }
    }

    private static Map<String, Object> object(FuzzedDataProvider data, List<Field> fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (Field field : fields) {
            if (data.consumeInt(0, 4) > 0) {
                object.put(field.name(), data.consumeInt(0, 3) > 0 ? valid(data, field.kind()) : hostile(data));
            }
        }
        if (data.consumeInt(0, 9) == 0) {
            object.put(text(data), hostile(data));
        }
        return object;
    }

    /** A value of the field's kind, with any text in it hostile half of the time. */
    private static Object valid(FuzzedDataProvider data, String kind) {
        return switch (kind) {
            case "text" -> text(data);
            case "email" -> data.consumeBoolean() ? "reader" + data.consumeInt(0, 1_000_000) + "@example.com" : text(data) + "@example.com";
            case "url" -> data.consumeBoolean() ? "http://localhost:8080/news/" + data.consumeInt(0, 1000) : "https://example.com/" + text(data);
            case "bool" -> data.consumeBoolean();
            case "int" -> data.consumeInt(-2, 2000);
            case "id" -> data.consumeBoolean() ? commentId : data.consumeLong();
            case "ids" -> List.of(commentId, data.consumeLong(-5, 1_000_000));
            case "fraction" -> data.consumeProbabilityDouble();
            case "time" -> data.consumeBoolean() ? "2027-01-01T00:00:00Z" : text(data);
            case "words" -> List.of(text(data), text(data));
            case "author" -> object(data, AUTHOR);
            case "settings" -> object(data, List.of(new Field("suspectWords", "words"), new Field("maxDepth", "int"),
                    new Field("spamThreshold", "fraction")));
            case "action" -> data.pickValue(List.of("approve", "reject", "spam", "restore", "delete"));
            case "reportReason" -> data.pickValue(List.of("offensive", "abusive", "spam", "other"));
            case "banKind" -> data.pickValue(List.of("commenter", "email", "ip"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Object hostile(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> data.consumeLong();
            case 1 -> data.consumeDouble();
            case 2 -> null;
            case 3 -> List.of(text(data));
            case 4 -> Map.of(text(data), text(data));
            default -> text(data);
        };
    }

    private static String text(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> data.pickValue(HOSTILE);
            case 1 -> data.pickValue(HOSTILE) + data.consumeString(40) + data.pickValue(HOSTILE);
            default -> data.consumeString(80);
        };
    }

    private static String pathSegment(FuzzedDataProvider data, String usual) {
        return data.consumeInt(0, 5) > 0 ? usual : percentEncoded(text(data));
    }

    private static String query(FuzzedDataProvider data, List<Field> fields) {
        List<String> pairs = new ArrayList<>();
        for (Field field : fields) {
            if (data.consumeBoolean()) {
                Object value = data.consumeInt(0, 3) > 0 ? valid(data, field.kind()) : text(data);
                pairs.add(percentEncoded(field.name()) + "=" + percentEncoded(String.valueOf(value)));
            }
        }
        return String.join("&", pairs);
    }

    /**
     * Percent-encodes UTF-16 as a careless client would: a lone surrogate becomes its three bytes
     * (%ED%A0%80), which no UTF-8 decoder accepts.
     */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
                continue;
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            }
            for (byte b : wtf8(codePoint)) {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static byte[] wtf8(int codePoint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (codePoint < 0x80) {
            bytes.write(codePoint);
        } else if (codePoint < 0x800) {
            bytes.write(0xC0 | codePoint >> 6);
            bytes.write(0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            bytes.write(0xE0 | codePoint >> 12);
            bytes.write(0x80 | codePoint >> 6 & 0x3F);
            bytes.write(0x80 | codePoint & 0x3F);
        } else {
            bytes.write(0xF0 | codePoint >> 18);
            bytes.write(0x80 | codePoint >> 12 & 0x3F);
            bytes.write(0x80 | codePoint >> 6 & 0x3F);
            bytes.write(0x80 | codePoint & 0x3F);
        }
        return bytes.toByteArray();
    }

    private static HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        // every body here is ASCII JSON or raw bytes held as ISO-8859-1 characters
                        : HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        switch (auth) {
            case "admin" -> request.header("Authorization", "Bearer " + adminToken);
            case "commenter" -> request.header("Authorization", "Commenter " + commenterToken);
            default -> { }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a refused request must not change: rows and the content of comments, articles, bans and settings. */
    private static String fingerprint() throws Exception {
        try (ResultSet row = db.createStatement().executeQuery("""
                select (select count(*) || ':' || coalesce(sum(hashtext(coalesce(body, '') || status || version)), 0) from comment),
                       (select count(*) from moderation_event), (select count(*) from commenter),
                       (select count(*) || ':' || coalesce(sum(hashtext(coalesce(title, '') || coalesce(url, '') || closed)), 0) from article),
                       (select count(*) from ban), (select count(*) from comment_flag), (select count(*) from admin_event),
                       (select max(version) from moderation_settings), (select count(*) from idempotency_key)""")) {
            row.next();
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= 9; i++) {
                out.append(row.getString(i)).append(' ');
            }
            return out.toString();
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "... (" + body.length() + " characters)";
    }
}
