package io.parley.spam;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Akismet's REST API (https://akismet.com/developers/): form posts, plain-text answers. */
@Path("/1.1")
@RegisterRestClient(configKey = "akismet")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public interface AkismetApi {

    /** "true" for spam, "false" for ham, "invalid" (with X-akismet-debug-help) for a bad key or request. */
    @POST
    @Path("/comment-check")
    Response commentCheck(MultivaluedMap<String, String> form);

    @POST
    @Path("/submit-spam")
    Response submitSpam(MultivaluedMap<String, String> form);

    @POST
    @Path("/submit-ham")
    Response submitHam(MultivaluedMap<String, String> form);
}
