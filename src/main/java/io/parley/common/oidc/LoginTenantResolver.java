package io.parley.common.oidc;

import io.quarkus.arc.All;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The one tenant resolver quarkus-oidc allows, asking every feature's {@link LoginTenants}; no tenant elsewhere. */
@ApplicationScoped
class LoginTenantResolver implements TenantConfigResolver {

    private final List<LoginTenants> features;

    LoginTenantResolver(@All List<LoginTenants> features) {
        this.features = features;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        String path = context.request().path();
        return features.stream().map(feature -> feature.tenantFor(path)).flatMap(Optional::stream).findFirst()
                .map(tenant -> Uni.createFrom().item(tenant)).orElse(null);
    }
}
