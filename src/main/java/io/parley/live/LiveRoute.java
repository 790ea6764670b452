package io.parley.live;

import io.parley.article.ArticleService;
import io.parley.common.error.ProblemException;
import io.parley.common.web.ClientInfo;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * A thread's stream, held by the thousand on a busy article: opened here on the HTTP connection
 * itself, ahead of JAX-RS, so an idle stream costs the connection and little else (through JAX-RS
 * each one also kept a request context, its scope and its propagated contexts: about three times
 * the heap). Anything refused (a malformed id, a closed article, a limit, the database away) goes on
 * to {@link ThreadEventsResource}, which answers it with its problem.
 */
@ApplicationScoped
class LiveRoute {

    private static final Pattern ARTICLE_ID = Pattern.compile(ArticleService.ARTICLE_ID);

    private final LiveStreams streams;
    private final LiveHub hub;

    LiveRoute(LiveStreams streams, LiveHub hub) {
        this.streams = streams;
        this.hub = hub;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/articles/:articleId/events").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::open);
    }

    private void open(RoutingContext context) {
        String articleId = context.pathParam("articleId");
        if (articleId == null || !ARTICLE_ID.matcher(articleId).matches()) {
            context.next();
            return;
        }
        context.vertx().executeBlocking(() -> streams.isClosed(articleId), false).onComplete(closed -> {
            if (closed.failed() || closed.result()) {
                context.next();
            } else {
                stream(context, articleId);
            }
        });
    }

    private void stream(RoutingContext context, String articleId) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        ResponseSubscriber subscriber = new ResponseSubscriber(articleId, ClientInfo.of(request).ip(), response);
        try {
            hub.admit(subscriber);
        } catch (ProblemException refused) {
            context.next();
            return;
        }
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(gone -> hub.unsubscribe(subscriber));
        response.endHandler(ended -> hub.unsubscribe(subscriber));
        String last = request.getHeader("Last-Event-ID");
        hub.join(subscriber, last != null ? last : request.getParam("lastEventId"));
        if (!subscriber.open()) {
            hub.unsubscribe(subscriber);
        }
    }
}
