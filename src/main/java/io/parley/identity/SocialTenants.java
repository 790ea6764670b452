package io.parley.identity;

import io.parley.common.ParleyConfig;
import io.parley.common.RandomTokens;
import io.parley.common.oidc.LoginTenants;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.OidcTenantConfigBuilder;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One quarkus-oidc web-app tenant per enabled social provider, serving {@code /auth/<provider>/*}:
 * authorization code with PKCE (S256) and {@code state}, the profile read from the userinfo
 * endpoint. Tenants are built from {@code parley.auth.*} so that a provider without a client id
 * simply does not exist.
 */
@ApplicationScoped
public class SocialTenants implements LoginTenants {

    private static final Logger LOG = Logger.getLogger(SocialTenants.class);
    static final String AUTH_PATH = "/auth/";

    private final Map<SocialProvider, OidcTenantConfig> tenants = new EnumMap<>(SocialProvider.class);

    SocialTenants(ParleyConfig config) {
        String secret = config.auth().cookieSecret().filter(s -> !s.isBlank()).orElseGet(() -> RandomTokens.urlSafe(32));
        for (SocialProvider provider : SocialProvider.values()) {
            ParleyConfig.Auth.Provider settings = provider.settings(config.auth());
            Optional<String> clientId = settings.clientId().filter(id -> !id.isBlank());
            if (settings.enabled() && clientId.isPresent()) {
                tenants.put(provider, tenant(provider, settings, clientId.get(), secret));
            }
        }
        if (config.auth().cookieSecret().isEmpty() && !tenants.isEmpty()) {
            LOG.info("parley.auth.cookie-secret is not set: login cookies are only readable by this process");
        }
    }

    public List<SocialProvider> enabled() {
        return List.copyOf(tenants.keySet());
    }

    public boolean isEnabled(SocialProvider provider) {
        return tenants.containsKey(provider);
    }

    /** The enabled provider a path under {@code /auth/<provider>/} belongs to. */
    Optional<SocialProvider> providerOf(String path) {
        if (!path.startsWith(AUTH_PATH)) {
            return Optional.empty();
        }
        String rest = path.substring(AUTH_PATH.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? Optional.empty() : SocialProvider.byId(rest.substring(0, slash)).filter(this::isEnabled);
    }

    @Override
    public Optional<OidcTenantConfig> tenantFor(String path) {
        return providerOf(path).map(tenants::get);
    }

    private static OidcTenantConfig tenant(SocialProvider provider, ParleyConfig.Auth.Provider settings, String clientId,
            String secret) {
        String base = AUTH_PATH + provider.id;
        OidcTenantConfigBuilder builder = OidcTenantConfig.builder()
                .tenantId(provider.id)
                .applicationType(ApplicationType.WEB_APP)
                .authorizationPath(settings.authorizationEndpoint())
                .userInfoPath(settings.userinfoEndpoint())
                .tenantPaths(base + "/*");
        if (provider == SocialProvider.TWITTER) {
            builder.provider(Provider.X);
        }
        builder.authServerUrl(originOf(settings.tokenEndpoint()))
                .discoveryEnabled(false)
                .tokenPath(settings.tokenEndpoint())
                .clientId(clientId);
        settings.clientSecret().filter(s -> !s.isBlank()).ifPresent(clientSecret -> clientAuthentication(provider, builder,
                clientId, clientSecret));
        return builder.authentication()
                .scopes(provider.scopes)
                .addOpenidScope(false)
                .idTokenRequired(false)
                .userInfoRequired(true)
                .pkceRequired(true)
                .redirectPath(base + "/callback")
                // the callback request itself completes the login, on the replica that exchanged the code
                .restorePathAfterRedirect(false)
                .removeRedirectParameters(false)
                .errorPath(base + "/error")
                // a callback whose state matches no login in progress is refused, not restarted
                .failOnMissingStateParam(true)
                .forceRedirectHttpsScheme(false)
                .cookiePath(AUTH_PATH.substring(0, AUTH_PATH.length() - 1))
                .stateSecret(secret)
                .javaScriptAutoRedirect(false)
                .end()
                .tokenStateManager().encryptionSecret(secret).end()
                .build();
    }

    /**
     * X wants confidential clients' credentials as HTTP Basic, the Graph API as form fields. They go
     * with the code grant rather than as quarkus-oidc "credentials", which would also make the client
     * secret the HMAC key of the internal ID token and fail on secrets under 32 bytes.
     */
    private static void clientAuthentication(SocialProvider provider, OidcTenantConfigBuilder builder, String clientId,
            String clientSecret) {
        if (provider == SocialProvider.TWITTER) {
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            builder.codeGrant().header("Authorization", "Basic " + basic).end();
        } else {
            builder.codeGrant().extraParam("client_secret", clientSecret).end();
        }
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
