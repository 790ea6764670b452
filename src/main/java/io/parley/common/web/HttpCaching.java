package io.parley.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * HTTP caching for public reads: a strong ETag over the exact bytes, 304 for a matching
 * If-None-Match, and a short shared max-age so a CDN can absorb a spike on a viral article.
 * Answers that depend on the reader (their own pending comments) are private and never stored.
 */
@ApplicationScoped
public class HttpCaching {

    private static final int SHARED_MAX_AGE_SECONDS = 5;

    public Response publicJson(JsonBytes body, Request request) {
        EntityTag etag = body.etag();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(SHARED_MAX_AGE_SECONDS);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(cache).header("Vary", "Authorization").build();
        }
        return Response.ok(body.bytes(), MediaType.APPLICATION_JSON_TYPE).tag(etag).cacheControl(cache)
                .header("Vary", "Authorization").build();
    }

    public Response privateJson(Object body) {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setNoStore(true);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).header("Vary", "Authorization").build();
    }
}
