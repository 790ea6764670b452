package io.parley.portability;

import io.parley.common.flood.ClientLimit;
import io.parley.common.web.ClientInfo;
import io.parley.identity.CommenterRef;
import io.parley.common.error.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Readers answering for their own data: a logged-in reader (or a guest's browser) with its token
 * through /api/v1/me, any reader through a link mailed to their address.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    /** A reader's request for a link: {@code kind} is access or erasure. */
    public record LinkRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotNull @Pattern(regexp = "access|erasure", message = "must be access or erasure") String kind) {
    }

    /** Mail sent to addresses a client names: a few an hour per address, on each replica. */
    private static final ClientLimit LINKS = new ClientLimit(5, Duration.ofHours(1), "Too many requests",
            "This address has asked for too many links.");

    private final People people;
    private final PrivacyRequests requests;
    private final SecurityIdentity identity;

    PrivacyResource(People people, PrivacyRequests requests, SecurityIdentity identity) {
        this.people = people;
        this.requests = requests;
        this.identity = identity;
    }

    @POST
    @Path("/privacy-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "If the address is known, a link is on its way to it (the answer is the same either way).")
    public Response request(@Valid @NotNull LinkRequest request, @Context HttpServerRequest http) {
        LINKS.take(ClientInfo.of(http).ip());
        requests.request(request.email(), request.kind().equals("erasure"));
        return Response.accepted(Map.of("message", "If this address wrote comments here, a link is on its way to it.")).build();
    }

    @GET
    @Path("/me/data")
    @APIResponse(responseCode = "200", description = "Everything held about the caller's account (GDPR Art. 15).")
    public Map<String, Object> myData() {
        return people.data(people.find(null, me().id(), false));
    }

    @POST
    @Path("/me/erase")
    @APIResponse(responseCode = "200", description = "The caller's account and comments erased; its tokens stop working.")
    public People.Erased eraseMe() {
        CommenterRef me = me();
        return people.erase(people.find(null, me.id(), false), "commenter:" + me.id());
    }

    private CommenterRef me() {
        return CommenterRef.of(identity).orElseThrow(() -> ProblemException.unauthorized("Send your commenter token."));
    }
}
