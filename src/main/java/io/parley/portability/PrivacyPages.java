package io.parley.portability;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The page a mailed privacy link opens: a GET only shows what the link would do (mail scanners
 * follow links), the button's POST does it, once.
 */
@Path("/privacy")
public class PrivacyPages {

    private final PrivacyRequests requests;
    private final People people;

    PrivacyPages(PrivacyRequests requests, People people) {
        this.requests = requests;
        this.people = people;
    }

    @GET
    public Response ask(@QueryParam("token") String token) {
        return requests.find(token)
                .map(r -> page(200, PrivacyRequests.Templates.ask(r.email(), r.erasure(),
                        "/privacy?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))))
                .orElseGet(() -> page(410, PrivacyRequests.Templates.linkInvalid()));
    }

    @POST
    public Response act(@QueryParam("token") String token) {
        var request = requests.find(token).filter(requests::use);
        if (request.isEmpty()) {
            return page(410, PrivacyRequests.Templates.linkInvalid());
        }
        People.Person person = people.find(request.get().email(), null, false);
        if (request.get().erasure()) {
            People.Erased erased = people.erase(person, "reader by mailed link");
            return page(200, PrivacyRequests.Templates.erased(request.get().email(), erased.comments()));
        }
        return Response.ok(people.data(person), MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"my-comment-data.json\"").build();
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(page.render()).build();
    }
}
