package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.parley.common.Sha256;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for X's and Facebook's OAuth 2.0 servers, strict where they are strict: the
 * authorize endpoint refuses an unknown client, a redirect URI other than the registered callback
 * and a missing S256 code challenge; the token endpoint refuses a wrong client secret, a reused
 * code, a different redirect URI and a code verifier that does not hash to the challenge; the
 * profile endpoint answers only to the access token it issued. Consent is given at once for the
 * configured account, or refused with {@code error=access_denied} when a test asks for it.
 */
public final class ProviderStandIn implements AutoCloseable {

    public record Account(String id, String name, String avatarUrl, String email) {
    }

    /** The X paths live under /x, the Facebook ones under /fb. */
    public enum Network {
        TWITTER("twitter", "/x", "/i/oauth2/authorize", "/2/oauth2/token", "/2/users/me"),
        FACEBOOK("facebook", "/fb", "/v21.0/dialog/oauth", "/v21.0/oauth/access_token", "/v21.0/me");

        public final String id;
        final String prefix;
        final String authorize;
        final String token;
        final String me;

        Network(String id, String prefix, String authorize, String token, String me) {
            this.id = id;
            this.prefix = prefix;
            this.authorize = prefix + authorize;
            this.token = prefix + token;
            this.me = prefix + me;
        }

        public String clientId() {
            return id + "-test-client";
        }

        public String clientSecret() {
            return id + "-test-secret-value";
        }
    }

    private record Grant(Network network, String redirectUri, String challenge, Account account) {
    }

    private final WireMockServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Account> accessTokens = new ConcurrentHashMap<>();
    private final Map<Network, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Network, Boolean> refuseNext = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile boolean tokenEndpointDown;
    private volatile int consentMillis;

    public ProviderStandIn(int port) {
        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1").extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
        reset();
    }

    /** The settings that point Parley at this stand-in. */
    public Map<String, String> parleyConfig() {
        Map<String, String> config = new HashMap<>();
        for (Network network : Network.values()) {
            String key = "parley.auth." + network.id + ".";
            config.put(key + "client-id", network.clientId());
            config.put(key + "client-secret", network.clientSecret());
            config.put(key + "authorization-endpoint", server.baseUrl() + network.authorize);
            config.put(key + "token-endpoint", server.baseUrl() + network.token);
            config.put(key + "userinfo-endpoint", server.baseUrl() + network.me
                    + (network == Network.TWITTER ? "?user.fields=profile_image_url" : "?fields=id,name,email,picture"));
        }
        return config;
    }

    public void reset() {
        accounts.put(Network.TWITTER, new Account("1470001", "Ada Lovelace", "https://pbs.twimg.com/profile_images/ada.png", null));
        accounts.put(Network.FACEBOOK, new Account("10220001", "Grace Hopper", "https://graph.facebook.com/grace/picture",
                "grace@example.com"));
        refuseNext.clear();
        refusals.clear();
        tokenEndpointDown = false;
        consentMillis = 0;
    }

    /** The account the next consent logs in. */
    public void signInAs(Network network, Account account) {
        accounts.put(network, account);
    }

    /** The reader clicks "Cancel" on the provider's consent screen. */
    public void refuseNextConsent(Network network) {
        refuseNext.put(network, true);
    }

    /** How long the reader takes on the consent screen (the widget shows "Connecting to ..." meanwhile). */
    public void consentTakes(int millis) {
        consentMillis = millis;
    }

    public void tokenEndpointDown(boolean down) {
        tokenEndpointDown = down;
    }

    /** Why the stand-in refused requests, for tests that expect (or rule out) a refusal. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "oauth-provider";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = request.getUrl().split("\\?", 2)[0];
            for (Network network : Network.values()) {
                if (path.equals(network.authorize) && RequestMethod.GET.equals(request.getMethod())) {
                    return authorize(network, request);
                }
                if (path.equals(network.token) && RequestMethod.POST.equals(request.getMethod())) {
                    return token(network, request);
                }
                if (path.equals(network.me) && RequestMethod.GET.equals(request.getMethod())) {
                    return me(network, request);
                }
            }
            return aResponse().withStatus(404).build();
        }
    }

    private ResponseDefinition authorize(Network network, Request request) {
        String redirectUri = query(request, "redirect_uri");
        String state = query(request, "state");
        String challenge = query(request, "code_challenge");
        String problem = !"code".equals(query(request, "response_type")) ? "response_type must be code"
                : !network.clientId().equals(query(request, "client_id")) ? "unknown client_id"
                : redirectUri == null || !redirectUri.matches("http://(localhost|127\\.0\\.0\\.1):\\d+/auth/" + network.id + "/callback")
                        ? "redirect_uri is not the registered callback: " + redirectUri
                : state == null || state.length() < 16 ? "state missing or guessable"
                : challenge == null || !"S256".equals(query(request, "code_challenge_method")) ? "PKCE S256 challenge missing"
                : null;
        if (problem != null) {
            return refuse(400, "text/html", "<h1>Something went wrong</h1><p>" + problem + "</p>", problem);
        }
        if (Boolean.TRUE.equals(refuseNext.remove(network))) {
            return redirect(redirectUri + "?error=access_denied&error_description="
                    + URLEncoder.encode("The user denied the request", StandardCharsets.UTF_8) + "&state=" + encode(state));
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(network, redirectUri, challenge, accounts.get(network)));
        return redirect(redirectUri + "?code=" + code + "&state=" + encode(state));
    }

    private ResponseDefinition token(Network network, Request request) {
        if (tokenEndpointDown) {
            return aResponse().withStatus(503).withBody("upstream unavailable").build();
        }
        Map<String, String> form = form(request.getBodyAsString());
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        String problem = !"authorization_code".equals(form.get("grant_type")) ? "grant_type must be authorization_code"
                : !clientAuthenticated(network, request, form) ? "client authentication failed " + form + " " + request.getHeader("Authorization")
                : grant == null || grant.network() != network ? "unknown or used code"
                : !grant.redirectUri().equals(form.get("redirect_uri")) ? "redirect_uri differs from the authorization request"
                : form.get("code_verifier") == null || !s256(form.get("code_verifier")).equals(grant.challenge())
                        ? "code_verifier does not match the code_challenge"
                : null;
        if (problem != null) {
            return refuse(400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}", problem);
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(network.id + accessToken, grant.account());
        return aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"" + accessToken + "\"}").build();
    }

    private ResponseDefinition me(Network network, Request request) {
        String authorization = request.getHeader("Authorization");
        Account account = authorization == null || !authorization.startsWith("Bearer ") ? null
                : accessTokens.get(network.id + authorization.substring(7));
        if (account == null) {
            return refuse(401, "application/json", "{\"title\":\"Unauthorized\",\"status\":401}", "profile without a valid token");
        }
        String body = network == Network.TWITTER
                ? "{\"data\":{\"id\":\"%s\",\"name\":\"%s\",\"username\":\"%s\",\"profile_image_url\":\"%s\"}}"
                        .formatted(account.id(), account.name(), account.name().replace(" ", "").toLowerCase(), account.avatarUrl())
                : "{\"id\":\"%s\",\"name\":\"%s\",\"email\":\"%s\",\"picture\":{\"data\":{\"url\":\"%s\"}}}"
                        .formatted(account.id(), account.name(), account.email(), account.avatarUrl());
        return aResponse().withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** X takes confidential clients' credentials as HTTP Basic, the Graph API in the form. */
    private static boolean clientAuthenticated(Network network, Request request, Map<String, String> form) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (network.clientId() + ":" + network.clientSecret()).getBytes(StandardCharsets.UTF_8));
        return network == Network.TWITTER
                ? basic.equals(request.getHeader("Authorization"))
                : network.clientId().equals(form.get("client_id")) && network.clientSecret().equals(form.get("client_secret"));
    }

    private ResponseDefinition refuse(int status, String type, String body, String why) {
        refusals.add(why);
        return aResponse().withStatus(status).withHeader("Content-Type", type).withBody(body).build();
    }

    private ResponseDefinition redirect(String location) {
        return new ResponseDefinitionBuilder().withStatus(302).withHeader("Location", location).withFixedDelay(consentMillis).build();
    }

    static String query(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : null;
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
