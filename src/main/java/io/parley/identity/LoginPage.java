package io.parley.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.RandomTokens;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page the login popup ends on. It hands its message to the article page with
 * {@code postMessage}, addressed to an allowed origin only, so no other page can read a token.
 */
final class LoginPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoginPage() {
    }

    static Response success(String origin, SocialProvider provider, Commenter commenter, String token) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "parley-login");
        message.put("token", token);
        message.put("provider", provider.id);
        message.put("name", commenter.name);
        message.put("avatarUrl", commenter.avatarUrl);
        message.put("hasEmail", commenter.email != null && !commenter.email.isBlank()); // no "Notify me" without one (X)
        return page(200, "Logged in", "You are logged in with " + provider.displayName + " as " + commenter.name
                + ". This window closes by itself.", message, List.of(origin), true);
    }

    /** An error page: no token anywhere, the error offered to the article page (when it is one of ours). */
    static Response failure(int status, String error, String text, List<String> origins) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "parley-login-error");
        message.put("error", error);
        return page(status, "Login failed", text, message, origins, false);
    }

    private static Response page(int status, String title, String text, Map<String, Object> message, List<String> origins,
            boolean close) {
        String nonce = RandomTokens.urlSafe(16);
        String html = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%s – Parley</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1e1e1e}</style></head>
                <body>
                <h1>%s</h1>
                <p id="parley-login-text">%s</p>
                <p><button type="button" id="parley-close">Close this window</button></p>
                <script nonce="%s">
                (function () {
                  var message = %s;
                  var origins = %s;
                  if (window.opener) {
                    origins.forEach(function (origin) { window.opener.postMessage(message, origin); });
                  }
                  document.getElementById("parley-close").addEventListener("click", function () { window.close(); });
                  if (%s && window.opener) { window.close(); }
                })();
                </script>
                </body>
                </html>
                """.formatted(escape(title), escape(title), escape(text), nonce, script(message), script(origins), close);
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; "
                        + "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .entity(html)
                .build();
    }

    /** JSON that is safe inside a script element. */
    private static String script(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
