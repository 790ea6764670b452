package io.parley.portability;

import io.parley.common.web.QueryParams;
import io.parley.moderation.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** A person's data and its erasure, for the newsroom's data protection requests. */
@Path("/admin/v1/people")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    /** Whom to erase: an email address, a commenter account, or both. */
    public record EraseRequest(@Email @Size(max = 254) String email, Long commenterId) {
    }

    private final People people;
    private final SecurityIdentity caller;

    PeopleResource(People people, SecurityIdentity caller) {
        this.people = people;
        this.caller = caller;
    }

    @GET
    public Map<String, Object> data(@QueryParam("email") String email, @QueryParam("commenterId") String commenterId) {
        return people.data(people.find(email, QueryParams.optionalId("commenterId", commenterId), true));
    }

    @POST
    @Path("/erase")
    @Consumes(MediaType.APPLICATION_JSON)
    public People.Erased erase(@Valid @NotNull EraseRequest request) {
        return people.erase(people.find(request.email(), request.commenterId(), true), Actor.moderator(caller).name());
    }
}
