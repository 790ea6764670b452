package io.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The login popup as a browser runs it: cookies kept, redirects followed one hop at a time. */
public final class LoginPopup {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public static String parley(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    public static String loginUrl(String provider, String origin) {
        return parley("/auth/" + provider + "/login" + (origin == null ? "" : "?origin=" + URLEncoder.encode(origin, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> get(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows redirects from {@code url} until a page is shown. */
    public HttpResponse<String> follow(String url) {
        HttpResponse<String> response = get(url);
        for (int hops = 0; response.statusCode() / 100 == 3; hops++) {
            assertEquals(true, hops < 10, "too many redirects");
            response = get(URI.create(url).resolve(response.headers().firstValue("Location").orElseThrow()).toString());
            url = response.uri().toString();
        }
        return response;
    }

    /** The location a redirect points to. */
    public static String location(HttpResponse<String> response) {
        assertEquals(302, response.statusCode(), () -> "expected a redirect, got " + response.statusCode() + ": " + response.body());
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
    }

    /** Logs in through the whole popup flow and returns the commenter token the page hands over. */
    public String login(String provider, String origin) {
        HttpResponse<String> page = follow(loginUrl(provider, origin));
        assertEquals(200, page.statusCode(), page::body);
        return tokenIn(page.body()).orElseThrow();
    }

    public static Optional<String> tokenIn(String page) {
        Matcher matcher = TOKEN.matcher(page);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Names of the cookies the browser holds for Parley. */
    public java.util.List<String> cookieNames() {
        return cookies.getCookieStore().getCookies().stream().map(java.net.HttpCookie::getName).toList();
    }
}
