package io.parley.webhook;

import io.parley.moderation.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Webhook endpoints and their deliveries; admins only. */
@Path("/admin/v1/webhooks")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final Webhooks webhooks;
    private final SecurityIdentity caller;

    WebhookResource(Webhooks webhooks, SecurityIdentity caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The endpoint, with its signing secret: the only answer that shows it.")
    public WebhookView register(@Valid @NotNull NewWebhook request) {
        return webhooks.register(request, actor());
    }

    @GET
    public List<WebhookView> list() {
        return webhooks.list();
    }

    @GET
    @Path("/{id}")
    public WebhookView get(@PathParam("id") long id) {
        return webhooks.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookView update(@PathParam("id") long id, @Valid @NotNull WebhookPatch patch) {
        return webhooks.update(id, patch, actor());
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") long id) {
        webhooks.delete(id, actor());
    }

    @POST
    @Path("/{id}/secret")
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret; the old one still signs until previousSecretUntil.")
    public WebhookView rotate(@PathParam("id") long id) {
        return webhooks.rotate(id, actor());
    }

    @GET
    @Path("/{id}/deliveries")
    public DeliveryView.DeliveryPage deliveries(@PathParam("id") long id, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return webhooks.deliveries(id, cursor, limit);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "The delivery is due again, with the same webhook-id.")
    public DeliveryView redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        return webhooks.redeliver(id, deliveryId, actor());
    }

    private String actor() {
        return Actor.moderator(caller).name();
    }
}
