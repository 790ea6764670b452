package io.parley.moderation;

import io.parley.comment.CommentStatus;
import io.parley.common.error.ProblemException;
import io.parley.common.paging.Keyset;
import io.parley.common.web.QueryParams;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.identity.SecurityIdentity;

/** The moderation desk: queue, claims, decisions, audit trail and numbers. Newsroom JWTs, or the console's session. */
@Path("/admin/v1")
@RolesAllowed({"moderator", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ModerationResource {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final ModerationQueue queue;
    private final ModerationService moderation;
    private final ModerationStats stats;
    private final Claims claims;
    private final EditorsPicks picks;
    private final SecurityIdentity caller;

    ModerationResource(ModerationQueue queue, ModerationService moderation, ModerationStats stats, Claims claims,
            EditorsPicks picks, SecurityIdentity caller) {
        this.claims = claims;
        this.picks = picks;
        this.queue = queue;
        this.moderation = moderation;
        this.stats = stats;
        this.caller = caller;
    }

    @GET
    @Path("/comments")
    public QueuePage queue(@QueryParam("status") String status, @QueryParam("articleId") String articleId,
            @QueryParam("authorId") String authorId, @QueryParam("reported") String reported, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        CommentStatus wanted = QueryParams.optionalEnum("status", status, CommentStatus.class);
        return queue.list(wanted == null ? CommentStatus.PENDING : wanted, articleId, QueryParams.optionalId("authorId", authorId),
                Boolean.TRUE.equals(QueryParams.optionalBoolean("reported", reported)),
                Keyset.limit(limit, DEFAULT_PAGE, MAX_PAGE), Keyset.fromCursor(cursor));
    }

    @GET
    @Path("/comments/{id}")
    public CommentDetail comment(@PathParam("id") long id) {
        return queue.detail(id).orElseThrow(() -> ProblemException.notFound("No such comment", "Comment " + id + " does not exist."));
    }

    @POST
    @Path("/comments/{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    public QueueItem decide(@PathParam("id") long id, @Valid @NotNull Decision request) {
        return moderation.decide(id, request, moderator());
    }

    /** An editors' pick: a badge for readers, the article's "Editors' picks" tab, and with {@code pinned} the top of the thread. */
    @POST
    @Path("/comments/{id}/feature")
    @Consumes(MediaType.APPLICATION_JSON)
    public QueueItem feature(@PathParam("id") long id, @Valid EditorsPicks.Feature request) {
        return picks.feature(id, request, moderator());
    }

    @DELETE
    @Path("/comments/{id}/feature")
    public QueueItem unfeature(@PathParam("id") long id) {
        return picks.unfeature(id, moderator());
    }

    /** Opening or focusing a comment in the console: "being reviewed by NAME" for a minute, renewed while it stays open. */
    @POST
    @Path("/comments/{id}/claim")
    public Claims.Claim claim(@PathParam("id") long id) {
        return claims.claim(id, moderator(), Actor.displayName(caller));
    }

    @DELETE
    @Path("/comments/{id}/claim")
    public void release(@PathParam("id") long id) {
        claims.release(id, moderator());
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkResult decideAll(@Valid @NotNull BulkDecision request) {
        return moderation.decideAll(request, moderator());
    }

    @GET
    @Path("/audit")
    public AuditPage audit(@QueryParam("actor") String actor, @QueryParam("commentId") String commentId,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queue.audit(actor, QueryParams.optionalId("commentId", commentId), QueryParams.optionalInstant("since", since),
                QueryParams.optionalInstant("until", until), Keyset.limit(limit, DEFAULT_PAGE, MAX_PAGE),
                Keyset.fromCursor(cursor));
    }

    @GET
    @Path("/stats")
    public StatsView stats() {
        return stats.stats();
    }

    private Actor moderator() {
        return Actor.moderator(caller);
    }
}
