package io.parley.comment;

import io.netty.buffer.Unpooled;
import io.parley.common.ParleyConfig;
import io.parley.common.web.HttpCaching;
import io.parley.common.web.JsonBytes;
import io.parley.common.web.RouteOrders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The hot path of a viral article: an anonymous reader asking for a thread page this replica has
 * cached is answered on the I/O thread from the stored bytes, before authentication and JAX-RS
 * ({@link RouteOrders#CACHED_READS}). Anything else (a
 * reader with credentials, a page not cached, a parameter the resource would refuse) goes on to
 * {@link CommentResource#list}, which loads and caches the page or answers the problem.
 */
@ApplicationScoped
class CachedThreadRoute {

    private final CommentService comments;
    private final ParleyConfig config;

    CachedThreadRoute(CommentService comments, ParleyConfig config) {
        this.comments = comments;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/articles/:articleId/comments").order(RouteOrders.CACHED_READS).handler(this::answer);
    }

    private void answer(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<JsonBytes> page = request.headers().contains(HttpHeaders.AUTHORIZATION)
                ? Optional.empty()
                : query(request).flatMap(query -> comments.cachedPublicPage(context.pathParam("articleId"), query));
        if (page.isEmpty()) {
            context.next();
            return;
        }
        JsonBytes body = page.get();
        String etag = '"' + body.etag().getValue() + '"';
        context.response()
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PUBLIC_CACHE_CONTROL)
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.VARY, HttpCaching.VARY);
        if (HttpCaching.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            context.response().setStatusCode(304).end();
            return;
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(Unpooled.wrappedBuffer(body.bytes())));
    }

    private Optional<ThreadQuery> query(HttpServerRequest request) {
        try {
            return Optional.of(ThreadQuery.parse(request.getParam("sort"), request.getParam("limit"), request.getParam("cursor"), config.comments()));
        } catch (RuntimeException refused) {
            return Optional.empty(); // the resource answers it with its problem
        }
    }
}
