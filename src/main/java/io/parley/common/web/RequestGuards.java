package io.parley.common.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The checks every request passes: the request line's before any route, the cached thread pages
 * and the logins included (a route costs a hop on the hot read path, however little it does), and
 * a declared body's size before Quarkus's own limit.
 */
@Singleton
class RequestGuards {

    /** One check; true when it has answered the request itself (with a problem). */
    interface Guard {
        boolean refused(RoutingContext context);
    }

    private final BodyLimit bodyLimit;
    private final RequestText requestText;

    RequestGuards(BodyLimit bodyLimit, RequestText requestText) {
        this.bodyLimit = bodyLimit;
        this.requestText = requestText;
    }

    void install(@Observes Router router) {
        router.route().order(RouteOrders.REQUEST_TEXT).handler(context -> check(requestText::refused, context));
        router.route().order(RouteOrders.BODY_LIMIT).handler(context -> check(bodyLimit::refuseDeclaredOversize, context));
    }

    private static void check(Guard guard, RoutingContext context) {
        if (!guard.refused(context)) {
            context.next();
        }
    }
}
