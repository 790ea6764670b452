package io.parley.console;

import io.parley.common.ParleyConfig;
import io.parley.common.RandomTokens;
import io.parley.common.oidc.LoginTenants;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.OidcTenantConfigBuilder;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The console's login with the newsroom's OpenID Connect provider: a quarkus-oidc web-app tenant
 * on {@code /admin/login} only, found by discovery from the issuer, authorization code with PKCE
 * (S256), {@code state} and {@code nonce}, roles from the ID token's {@code groups} as the admin API
 * reads them. The tenant only signs a moderator in; {@link ConsoleSessions} keeps them signed in.
 */
@ApplicationScoped
public class ConsoleTenant implements LoginTenants {

    static final String LOGIN_PATH = "/admin/login";

    private final Optional<OidcTenantConfig> tenant;

    ConsoleTenant(ParleyConfig config) {
        ParleyConfig.Console.Oidc oidc = config.console().oidc();
        Optional<String> issuer = oidc.issuer().filter(s -> !s.isBlank());
        Optional<String> clientId = oidc.clientId().filter(s -> !s.isBlank());
        // the same secret as the social logins' cookies: every replica can finish a login another began
        String cookieSecret = config.auth().cookieSecret().filter(s -> !s.isBlank()).orElseGet(() -> RandomTokens.urlSafe(32));
        tenant = issuer.isPresent() && clientId.isPresent()
                ? Optional.of(tenant(issuer.get(), clientId.get(), oidc.clientSecret(), cookieSecret))
                : Optional.empty();
    }

    public boolean enabled() {
        return tenant.isPresent();
    }

    @Override
    public Optional<OidcTenantConfig> tenantFor(String path) {
        return path.equals(LOGIN_PATH) || path.startsWith(LOGIN_PATH + "/") ? tenant : Optional.empty();
    }

    private static OidcTenantConfig tenant(String issuer, String clientId, Optional<String> clientSecret, String cookieSecret) {
        OidcTenantConfigBuilder builder = OidcTenantConfig.builder()
                .tenantId("console")
                .applicationType(ApplicationType.WEB_APP)
                .authServerUrl(issuer)
                .clientId(clientId)
                .tenantPaths(LOGIN_PATH, LOGIN_PATH + "/*")
                .roles().source(Roles.Source.idtoken).roleClaimPath("groups").end();
        clientSecret.filter(s -> !s.isBlank()).ifPresent(builder::credentials);
        return builder.authentication()
                .scopes("profile", "email")
                .pkceRequired(true)
                .nonceRequired(true)
                .redirectPath(LOGIN_PATH + "/callback")
                // the callback completes the login itself, then sends the moderator to the console
                .restorePathAfterRedirect(false)
                .removeRedirectParameters(false)
                .errorPath(LOGIN_PATH + "/error")
                .failOnMissingStateParam(true)
                .forceRedirectHttpsScheme(false)
                .cookiePath(LOGIN_PATH)
                .stateSecret(cookieSecret)
                .javaScriptAutoRedirect(false)
                .end()
                .tokenStateManager().encryptionSecret(cookieSecret).end()
                .build();
    }
}
