package io.parley.common.oidc;

import io.quarkus.oidc.OidcTenantConfig;
import java.util.Optional;

/**
 * quarkus-oidc web-app tenants a feature runs on paths of its own: readers' social logins under
 * {@code /auth/<provider>/}, the moderator console's login under {@code /admin/login}. quarkus-oidc
 * takes one tenant resolver, so each feature says which paths are its and {@link LoginTenantResolver}
 * asks them all.
 */
public interface LoginTenants {

    /** The tenant serving {@code path}, if it is one of this feature's. */
    Optional<OidcTenantConfig> tenantFor(String path);
}
