package io.parley.common.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The checks every request passes before any route, the cached thread pages and the logins
 * included, run by one route: a route costs a hop on the hot read path, however little it does.
 */
@Singleton
class RequestGuards {

    /** One check; true when it has answered the request itself (with a problem). */
    interface Guard {
        boolean refused(RoutingContext context);
    }

    private final Guard[] guards;

    RequestGuards(BodyLimit bodyLimit, RequestText requestText) {
        this.guards = new Guard[] {bodyLimit::refuseDeclaredOversize, requestText::refused};
    }

    /** Quarkus checks its own body limit in a route of order -2; these run just before it. */
    void install(@Observes Router router) {
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        for (Guard guard : guards) {
            if (guard.refused(context)) {
                return;
            }
        }
        context.next();
    }
}
