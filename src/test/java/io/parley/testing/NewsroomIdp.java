package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.smallrye.jwt.build.Jwt;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for the newsroom's OpenID Connect provider (Keycloak, Auth0, Entra ID), as
 * strict as they are: discovery, an authorize endpoint that refuses an unknown client, a redirect
 * URI other than the registered one, a missing {@code state}, {@code nonce} or S256 code challenge
 * and a request without the {@code openid} scope; a token endpoint that refuses a wrong client
 * secret, a reused code, another redirect URI and a verifier that does not hash to the challenge;
 * RS256 ID tokens with the nonce, {@code groups} and the person's name, and the JWKS to check them.
 */
public final class NewsroomIdp implements AutoCloseable {

    public static final String CLIENT_ID = "parley-console";
    public static final String CLIENT_SECRET = "console-test-secret-of-thirty-two-bytes!";

    public record Person(String subject, String name, String email, List<String> groups) {
    }

    private record Grant(String redirectUri, String challenge, String nonce, Person person) {
    }

    private final WireMockServer server;
    private final KeyPair keys;
    private final String keyId = "newsroom-key-1";
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private volatile Person person;

    public NewsroomIdp(int port) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1").extensions(new Endpoints()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
        reset();
    }

    public static final Person MODERATOR = new Person("u-4711", "Mo Derator", "mo@newsroom.example", List.of("moderator"));
    public static final Person ADMIN = new Person("u-1", "Ada Admin", "ada@newsroom.example", List.of("admin", "moderator"));
    public static final Person READER = new Person("u-99", "Rita Reader", "rita@newsroom.example", List.of("subscribers"));

    public String issuer() {
        return server.baseUrl() + "/realms/newsroom";
    }

    /** The settings that point Parley's console at this provider. */
    public Map<String, String> parleyConfig() {
        return Map.of("parley.console.oidc.issuer", issuer(), "parley.console.oidc.client-id", CLIENT_ID,
                "parley.console.oidc.client-secret", CLIENT_SECRET);
    }

    public void reset() {
        person = MODERATOR;
        refusals.clear();
    }

    /** Who signs in at the next consent. */
    public void signInAs(Person next) {
        person = next;
    }

    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Endpoints implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "newsroom-idp";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = request.getUrl().split("\\?", 2)[0];
            String realm = "/realms/newsroom";
            return switch (path.startsWith(realm) ? path.substring(realm.length()) : path) {
                case "/.well-known/openid-configuration" -> json(discovery());
                case "/protocol/openid-connect/auth" -> authorize(request);
                case "/protocol/openid-connect/token" -> token(request);
                case "/protocol/openid-connect/certs" -> json(jwks());
                default -> aResponse().withStatus(404).build();
            };
        }
    }

    private String discovery() {
        String base = issuer() + "/protocol/openid-connect";
        return """
                {"issuer":"%s","authorization_endpoint":"%s/auth","token_endpoint":"%s/token","jwks_uri":"%s/certs",
                 "response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"],
                 "scopes_supported":["openid","profile","email"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}"""
                .formatted(issuer(), base, base, base);
    }

    private ResponseDefinition authorize(Request request) {
        String redirectUri = ProviderStandIn.query(request, "redirect_uri");
        String state = ProviderStandIn.query(request, "state");
        String nonce = ProviderStandIn.query(request, "nonce");
        String challenge = ProviderStandIn.query(request, "code_challenge");
        String scope = ProviderStandIn.query(request, "scope");
        String problem = !"code".equals(ProviderStandIn.query(request, "response_type")) ? "response_type must be code"
                : !CLIENT_ID.equals(ProviderStandIn.query(request, "client_id")) ? "unknown client_id"
                : redirectUri == null || !redirectUri.matches("http://(localhost|127\\.0\\.0\\.1):\\d+/admin/login/callback")
                        ? "redirect_uri is not the registered one: " + redirectUri
                : scope == null || !List.of(scope.split(" ")).contains("openid") ? "scope must include openid"
                : state == null || state.length() < 16 ? "state missing or guessable"
                : nonce == null || nonce.length() < 16 ? "nonce missing or guessable"
                : challenge == null || !"S256".equals(ProviderStandIn.query(request, "code_challenge_method")) ? "PKCE S256 challenge missing"
                : null;
        if (problem != null) {
            refusals.add(problem);
            return aResponse().withStatus(400).withHeader("Content-Type", "text/html").withBody("<h1>Invalid request</h1><p>" + problem)
                    .build();
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(redirectUri, challenge, nonce, person));
        return new ResponseDefinitionBuilder().withStatus(302)
                .withHeader("Location", redirectUri + "?code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)
                        + "&session_state=" + UUID.randomUUID() + "&iss=" + URLEncoder.encode(issuer(), StandardCharsets.UTF_8))
                .build();
    }

    private ResponseDefinition token(Request request) {
        Map<String, String> form = ProviderStandIn.form(request.getBodyAsString());
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        String problem = !"authorization_code".equals(form.get("grant_type")) ? "grant_type must be authorization_code"
                : !clientAuthenticated(request, form) ? "client authentication failed"
                : grant == null ? "unknown or used code"
                : !grant.redirectUri().equals(form.get("redirect_uri")) ? "redirect_uri differs from the authorization request"
                : form.get("code_verifier") == null || !ProviderStandIn.s256(form.get("code_verifier")).equals(grant.challenge())
                        ? "code_verifier does not match the code_challenge"
                : null;
        if (problem != null) {
            refusals.add(problem);
            return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}").build();
        }
        Person who = grant.person();
        String idToken = Jwt.issuer(issuer()).subject(who.subject()).audience(CLIENT_ID)
                .claim("nonce", grant.nonce()).claim("name", who.name()).claim("email", who.email())
                .claim("preferred_username", who.email()).groups(Set.copyOf(who.groups()))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId(keyId).sign(keys.getPrivate());
        String accessToken = Jwt.issuer(issuer()).subject(who.subject()).audience("account").groups(Set.copyOf(who.groups()))
                .expiresIn(Duration.ofMinutes(5)).jws().keyId(keyId).sign(keys.getPrivate());
        return json("""
                {"access_token":"%s","token_type":"Bearer","expires_in":300,"id_token":"%s","scope":"openid profile email"}"""
                .formatted(accessToken, idToken));
    }

    private static boolean clientAuthenticated(Request request, Map<String, String> form) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        return basic.equals(request.getHeader("Authorization"))
                || CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return """
                {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}"""
                .formatted(keyId, base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // no sign byte in JWK's unsigned big-endian form
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    private static ResponseDefinition json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
