package io.parley.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.db.DatabaseUnavailable;
import io.parley.common.error.FieldError;
import io.parley.common.error.Problem;
import io.parley.common.json.JsonText;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Problem answers for what is decided before JAX-RS (the request line, the body's declared size)
 * and for a database outage that surfaces outside it (a login's callback, say), so that these too
 * are problem+json and an outage is a 503 everywhere, not Quarkus's bare 500 page.
 */
@Singleton
public class RouteProblems {

    private static final Logger LOG = Logger.getLogger(RouteProblems.class);

    private final ObjectMapper json;

    RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::databaseOutage);
    }

    public void send(RoutingContext context, int status, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(JsonText.of(json, new Problem("about:blank", title, status, detail, errors, null)));
    }

    /** Answers a route's request with the problem a service threw. */
    public void send(RoutingContext context, io.parley.common.error.ProblemException problem) {
        send(context, problem.status(), problem.title(), problem.getMessage(), problem.errors(), problem.headers());
    }

    private void databaseOutage(RoutingContext context) {
        Throwable failure = context.failure();
        if (failure == null || context.response().headWritten() || !DatabaseUnavailable.isCause(failure)) {
            context.next();
            return;
        }
        LOG.warnf("Database unavailable: %s", DatabaseUnavailable.describe(failure));
        send(context, 503, DatabaseUnavailable.TITLE, DatabaseUnavailable.DETAIL, List.of(),
                Map.of("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS));
    }
}
