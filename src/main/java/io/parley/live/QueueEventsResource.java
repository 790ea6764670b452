package io.parley.live;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** The queue, live, for the console and any moderator's tool: held, reported, decided, claimed. */
@Path("/admin/v1/events")
@RolesAllowed({"moderator", "admin"})
public class QueueEventsResource {

    private final LiveStreams streams;

    QueueEventsResource(LiveStreams streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("lastEventId") String lastEventIdParam,
            @Context SseEventSink sink, @Context Sse sse, @Context HttpServerRequest request) {
        streams.openQueue(lastEventId != null ? lastEventId : lastEventIdParam, sink, sse, request);
    }
}
