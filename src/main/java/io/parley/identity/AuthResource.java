package io.parley.identity;

import io.quarkus.security.Authenticated;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the widget needs to offer logins and to say who is commenting. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final SocialTenants tenants;
    private final CommenterTokens tokens;
    private final io.quarkus.security.identity.SecurityIdentity identity;

    AuthResource(SocialTenants tenants, CommenterTokens tokens, io.quarkus.security.identity.SecurityIdentity identity) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.identity = identity;
    }

    public record LoginProvider(String id, String name) {
    }

    public record CurrentCommenter(String provider, String name, String avatarUrl, boolean hasEmail) {
    }

    @GET
    @Path("/providers")
    public List<LoginProvider> providers() {
        return tenants.enabled().stream().map(p -> new LoginProvider(p.id, p.displayName)).toList();
    }

    @GET
    @Path("/me")
    @Authenticated
    @HttpAuthenticationMechanism(CommenterAuthenticationMechanism.SCHEME)
    public CurrentCommenter me() {
        Commenter commenter = Commenter.findById(CommenterRef.of(identity).orElseThrow().id());
        return new CurrentCommenter(commenter.provider, commenter.name, commenter.avatarUrl,
                commenter.email != null && !commenter.email.isBlank());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @HttpAuthenticationMechanism(CommenterAuthenticationMechanism.SCHEME)
    public void logout(@HeaderParam("Authorization") String authorization) {
        tokens.revoke(authorization.substring(CommenterAuthenticationMechanism.SCHEME.length() + 1).trim());
    }
}
