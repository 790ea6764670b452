package io.parley.moderation.rules;

import io.parley.moderation.Actor;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The moderation rules; admins only. */
@Path("/admin/v1/settings")
@HttpAuthenticationMechanism("Bearer")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final ModerationRules rules;
    private final JsonWebToken jwt;

    SettingsResource(ModerationRules rules, JsonWebToken jwt) {
        this.rules = rules;
        this.jwt = jwt;
    }

    @GET
    public ModerationSettings get() {
        return rules.current().values();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ModerationSettings put(@Valid @NotNull ModerationSettings request) {
        return rules.update(request, Actor.moderator(jwt).name());
    }
}
