package io.parley.comment;

import io.parley.article.ArticleService;
import io.parley.common.ParleyConfig;
import io.parley.common.idempotency.IdempotencyKeys;
import io.parley.common.web.ClientInfo;
import io.parley.common.web.HttpCaching;
import io.parley.identity.CommenterRef;
import io.parley.moderation.NewReport;
import io.parley.moderation.Reports;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.Cache;
import org.jboss.resteasy.reactive.RestResponse;

/** The public comment API readers and the widget use. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {

    private final CommentService comments;
    private final HttpCaching caching;
    private final Reports reports;
    private final SecurityIdentity identity;
    private final CurrentIdentityAssociation identities;
    private final ParleyConfig config;

    CommentResource(CommentService comments, HttpCaching caching, Reports reports, SecurityIdentity identity,
            CurrentIdentityAssociation identities, ParleyConfig config) {
        this.comments = comments;
        this.caching = caching;
        this.reports = reports;
        this.identity = identity;
        this.identities = identities;
        this.config = config;
    }

    @GET
    @Path("/articles/{articleId}/comments")
    @APIResponse(responseCode = "200", description = "One page of threads.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentPage.class)))
    public Response list(@PathParam("articleId") @Pattern(regexp = ArticleService.ARTICLE_ID) String articleId,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context Request request) {
        // an anonymous reader of a page already cached never gets here: CachedThreadRoute answers
        ThreadQuery query = ThreadQuery.parse(sort, limit, cursor, config.comments());
        Optional<CommenterRef> reader = caller();
        return reader.isPresent()
                ? caching.privateJson(comments.list(articleId, query, reader))
                : caching.publicJson(comments.publicPage(articleId, query), request);
    }

    @GET
    @Path("/articles/{articleId}/picks")
    @APIResponse(responseCode = "200", description = "The article's editors' picks, most recently featured first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentPage.class)))
    public Response picks(@PathParam("articleId") @Pattern(regexp = ArticleService.ARTICLE_ID) String articleId,
            @Context Request request) {
        return caching.publicJson(comments.picks(articleId), request);
    }

    @GET
    @Path("/comments/{id}/position")
    @APIResponse(responseCode = "200", description = "Where a permalink's comment is: the cursor of the page of its article"
            + " that begins with its thread.")
    public CommentService.Position position(@PathParam("id") long id, @QueryParam("sort") String sort) {
        return comments.position(id, sort, caller());
    }

    @POST
    @Path("/articles/{articleId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Accepted; `status` says whether it is published or awaiting moderation.")
    public Uni<RestResponse<CommentView>> submit(@PathParam("articleId") @Pattern(regexp = ArticleService.ARTICLE_ID) String articleId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull NewComment request, @Context HttpServerRequest http) {
        if (idempotencyKey != null) {
            IdempotencyKeys.checkFormat(idempotencyKey);
        }
        ClientInfo client = ClientInfo.of(http);
        // the answer comes from the writer that committed the batch; the response is built and
        // written back on this request's event loop, so the writer goes straight on to the next batch
        io.vertx.core.Context requestContext = Vertx.currentContext();
        return identities.getDeferredIdentity().map(CommenterRef::of)
                .chain(caller -> comments.submit(articleId, request, caller, client, idempotencyKey))
                .emitOn(task -> requestContext.runOnContext(ignored -> task.run()))
                .map(submitted -> RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, submitted.comment())
                        .header("Idempotent-Replayed", submitted.replayed() ? "true" : null)
                        .build());
    }

    @PATCH
    @Path("/comments/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CommentView edit(@PathParam("id") long id, @Valid @NotNull CommentEdit request) {
        return comments.edit(id, request, caller());
    }

    @DELETE
    @Path("/comments/{id}")
    public void delete(@PathParam("id") long id) {
        comments.delete(id, caller());
    }

    @POST
    @Path("/comments/{id}/flags")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "204", description = "Reported (once per reader, however often they send it).")
    public void report(@PathParam("id") long id, @Valid @NotNull NewReport request, @Context HttpServerRequest http) {
        // readers without a token are told apart by their address
        String reporter = caller().map(c -> "commenter:" + c.id()).orElseGet(() -> {
            java.net.InetAddress ip = ClientInfo.of(http).ip();
            return "ip:" + (ip == null ? "unknown" : ip.getHostAddress());
        });
        reports.report(id, request, reporter);
    }

    @GET
    @Path("/counts")
    @Cache(maxAge = 30) // article lists need not be exact to the second; count.js's requests share the answer
    public CommentCounts counts(@QueryParam("articleId") List<String> articleIds) {
        return comments.counts(articleIds);
    }

    private Optional<CommenterRef> caller() {
        return CommenterRef.of(identity);
    }
}
