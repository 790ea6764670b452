package io.parley.moderation;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Authors as moderators look them up: the author panel, and notes for the next moderator. */
@Path("/admin/v1/authors/{id}")
@RolesAllowed({"moderator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class AuthorResource {

    private final AuthorProfiles profiles;
    private final SecurityIdentity caller;

    AuthorResource(AuthorProfiles profiles, SecurityIdentity caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    public AuthorProfile profile(@PathParam("id") long id) {
        return profiles.profile(id);
    }

    @GET
    @Path("/notes")
    public List<AuthorProfile.Note> notes(@PathParam("id") long id) {
        return profiles.notes(id);
    }

    @POST
    @Path("/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<AuthorProfile.Note> note(@PathParam("id") long id, @Valid @NotNull AuthorProfile.NewNote request) {
        return RestResponse.status(RestResponse.Status.CREATED,
                profiles.note(id, request.text(), Actor.moderator(caller), Actor.displayName(caller)));
    }
}
