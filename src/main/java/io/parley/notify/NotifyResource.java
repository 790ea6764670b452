package io.parley.notify;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The pages behind the links in readers' mails. Opening the unsubscribe link only asks: link
 * scanners open links in mail, and must not unsubscribe anyone. A POST to it unsubscribes, as the
 * page's button does and as mail clients do for RFC 8058 one-click unsubscribe.
 */
@Path("/notify")
@Produces(MediaType.TEXT_HTML)
public class NotifyResource {

    private final Subscriptions subscriptions;

    NotifyResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    @Path("/confirm")
    public Response confirm(@QueryParam("token") String token) {
        return subscriptions.confirm(token)
                .map(found -> page(200, MailTemplates.Pages.confirmed(found.subscription(), Subscriptions.title(found.article()),
                        found.article().url, subscriptions.unsubscribeLink(found.subscription()))))
                .orElseGet(() -> page(410, MailTemplates.Pages.linkInvalid(
                        "It has been used already or it has expired. Post a comment with “Notify me” ticked to get a new one.")));
    }

    @GET
    @Path("/unsubscribe")
    public Response askToUnsubscribe(@QueryParam("token") String token) {
        return subscriptions.byUnsubscribeToken(token)
                .map(found -> page(200, MailTemplates.Pages.unsubscribe(Subscriptions.title(found.article()),
                        found.subscription().wholeArticle(), "/notify/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))))
                .orElseGet(NotifyResource::unknown);
    }

    @POST
    @Path("/unsubscribe")
    @Consumes(MediaType.WILDCARD)
    public Response unsubscribe(@QueryParam("token") String token) {
        return subscriptions.unsubscribe(token)
                .map(found -> page(200, MailTemplates.Pages.unsubscribed(Subscriptions.title(found.article()), found.article().url)))
                .orElseGet(NotifyResource::unknown);
    }

    private static Response unknown() {
        return page(404, MailTemplates.Pages.linkInvalid("Parley does not know it. Use the link of the latest mail you received."));
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .header("Cache-Control", "no-store").build();
    }
}
