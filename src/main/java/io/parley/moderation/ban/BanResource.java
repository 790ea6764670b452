package io.parley.moderation.ban;

import io.parley.moderation.Actor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Bans; admins only. */
@Path("/admin/v1/bans")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class BanResource {

    private final Bans bans;
    private final SecurityIdentity caller;

    BanResource(Bans bans, SecurityIdentity caller) {
        this.bans = bans;
        this.caller = caller;
    }

    @GET
    public List<BanView> list() {
        return bans.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The ban, in force at once.")
    public BanView create(@Valid @NotNull NewBan request) {
        return bans.create(request, Actor.moderator(caller).name());
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") long id) {
        bans.delete(id, Actor.moderator(caller).name());
    }
}
