package io.parley.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A newsroom's article page on an origin of its own (127.0.0.1, another port), embedding the
 * widget from Parley the way the README says: {@code /article?parley=<Parley base URL>&id=<article id>}.
 * Its origin is added to the allowed origins, next to the default one.
 */
public class ArticlePageResource implements QuarkusTestResourceLifecycleManager {

    private static HttpServer server;

    public static String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static String frontPageUrl(String parleyBase, String... articleIds) {
        return origin() + "/front?parley=" + parleyBase + "&ids=" + String.join(",", articleIds);
    }

    public static String articleUrl(String parleyBase, String articleId) {
        return origin() + "/article?parley=" + parleyBase + "&id=" + articleId;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/article", exchange -> {
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            String parley = query.getOrDefault("parley", "");
            String id = query.getOrDefault("id", "");
            boolean valid = parley.matches("http://localhost:\\d+") && id.matches("[a-z0-9-]+");
            byte[] page = (valid ? """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Checker's article</title></head>
                    <body><main><h1>An article on another site</h1><p>Some news.</p>
                    <div id="parley-comments" data-article-id="%s" data-article-url="%s"></div></main>
                    <script src="%s/embed.js" async></script></body></html>
                    """.formatted(id, origin() + "/news/" + id, parley) : "bad request").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(valid ? 200 : 400, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        // the newsroom's front page: links to articles' comments, counted by count.js
        server.createContext("/front", exchange -> {
            Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
            String parley = query.getOrDefault("parley", "");
            String[] ids = query.getOrDefault("ids", "").split(",");
            boolean valid = parley.matches("http://localhost:\\d+") && Arrays.stream(ids).allMatch(id -> id.matches("[a-z0-9-]+"));
            StringBuilder items = new StringBuilder();
            for (String id : ids) {
                items.append("<li><a href=\"/news/%s\">Story %s</a> <a class=\"count\" href=\"/news/%s#comments\" data-parley-count=\"%s\">Comments</a></li>"
                        .formatted(id, id, id, id));
            }
            byte[] page = (valid ? """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Front page</title></head>
                    <body><main><h1>Today's stories</h1><ul>%s</ul></main>
                    <script src="%s/count.js" async></script></body></html>
                    """.formatted(items, parley) : "bad request").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(valid ? 200 : 400, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return Map.of("parley.site.allowed-origins", Readers.SITE + "," + origin());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private static final class QueryString {
        static Map<String, String> parse(String raw) {
            Map<String, String> values = new java.util.HashMap<>();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    values.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            return values;
        }
    }
}
