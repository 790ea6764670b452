package io.parley.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
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

    /** Five seconds: long enough for a CDN to absorb a spike, short enough that a removed comment goes quickly. */
    public static final String PUBLIC_CACHE_CONTROL = "no-transform, max-age=5";
    /** The same URL answers a reader with credentials differently. */
    public static final String VARY = HttpHeaders.AUTHORIZATION;

    public Response publicJson(JsonBytes body, Request request) {
        EntityTag etag = body.etag();
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.header(HttpHeaders.CACHE_CONTROL, PUBLIC_CACHE_CONTROL).header(HttpHeaders.VARY, VARY).build();
        }
        return Response.ok(body.bytes(), MediaType.APPLICATION_JSON_TYPE).tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, PUBLIC_CACHE_CONTROL).header(HttpHeaders.VARY, VARY).build();
    }

    /** If-None-Match against a strong ETag (quoted), with the weak comparison RFC 9110 prescribes for it. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    public Response privateJson(Object body) {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setNoStore(true);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cacheControl(cache).header(HttpHeaders.VARY, VARY).build();
    }
}
