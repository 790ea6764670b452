package io.parley.live;

import io.parley.article.ArticleService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * A thread, live: what became public, changed or stopped being public, as ids to fetch. Streams are
 * opened ahead of JAX-RS by {@link LiveRoute}; what reaches this resource is what the route left to
 * it (a request it refuses with a problem, or one that found room after all).
 */
@Path("/api/v1/articles/{articleId}/events")
public class ThreadEventsResource {

    private final LiveStreams streams;

    ThreadEventsResource(LiveStreams streams) {
        this.streams = streams;
    }

    /** {@code lastEventId} as a query parameter is for clients that cannot set the header. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@PathParam("articleId") @Pattern(regexp = ArticleService.ARTICLE_ID) String articleId,
            @HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("lastEventId") String lastEventIdParam,
            @Context SseEventSink sink, @Context Sse sse, @Context HttpServerRequest request) {
        streams.openThread(articleId, lastEventId != null ? lastEventId : lastEventIdParam, sink, sse, request);
    }
}
