package io.parley.common.web;

/**
 * Where Parley's own Vert.x routes run among Quarkus's. Quarkus runs its filters at minus their
 * priority (CORS at -300, authentication at -200, authorization at -100) and checks its body limit
 * at -2.
 */
public final class RouteOrders {

    /** The request line's checks: after CORS, so that a page of another site can read the problem, and before everything else. */
    public static final int REQUEST_TEXT = -250;

    /**
     * Anonymous reads of cached thread pages: before authentication, which they do not need. With
     * Micrometer present, Quarkus's authentication filters resolve every request's URI template by
     * building a request mapper, a tenth of the CPU of a cached read.
     */
    public static final int CACHED_READS = -240;

    /** A declared body over the limit is refused with a problem before Quarkus's empty 413; the import upload (one before it) streams its own. */
    public static final int BODY_LIMIT = -3;

    private RouteOrders() {
    }
}
