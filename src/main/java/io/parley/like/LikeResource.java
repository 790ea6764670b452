package io.parley.like;

import io.parley.common.error.ProblemException;
import io.parley.common.web.ClientInfo;
import io.parley.identity.CommenterRef;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A reader's like on a comment: {@code POST} gives it, {@code DELETE} takes it back. */
@Path("/api/v1/comments/{id}/likes")
@Produces(MediaType.APPLICATION_JSON)
public class LikeResource {

    private final Likes likes;
    private final LikeLimit limit;
    private final SecurityIdentity identity;

    LikeResource(Likes likes, LikeLimit limit, SecurityIdentity identity) {
        this.likes = likes;
        this.limit = limit;
        this.identity = identity;
    }

    @POST
    @APIResponse(responseCode = "200", description = "Liked (once per reader, however often sent); the count after it, and a"
            + " `commenterToken` when the reader sent none.")
    public Likes.Liked like(@PathParam("id") long id, @Context HttpServerRequest http) {
        limit.take(ClientInfo.of(http).ip());
        return likes.like(id, CommenterRef.of(identity));
    }

    @DELETE
    @APIResponse(responseCode = "200", description = "The like taken back; the count after it.")
    public Likes.Liked unlike(@PathParam("id") long id, @Context HttpServerRequest http) {
        limit.take(ClientInfo.of(http).ip());
        CommenterRef reader = CommenterRef.of(identity).orElseThrow(() -> ProblemException.unauthorized(
                "Send the commenter token the like was given with."));
        return likes.unlike(id, reader);
    }
}
