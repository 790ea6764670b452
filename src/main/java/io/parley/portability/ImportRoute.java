package io.parley.portability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.common.ParleyConfig;
import io.parley.common.error.ProblemException;
import io.parley.common.json.JsonText;
import io.parley.common.web.RouteOrders;
import io.parley.common.web.RouteProblems;
import io.parley.console.ConsoleCsrf;
import io.parley.moderation.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /admin/v1/imports?format=wxr|disqus}: the export file is the request body, streamed to
 * the import directory as it arrives (a 1 GB upload never sits in memory), then a job is created
 * and answered with 202. A Vert.x route rather than JAX-RS, ahead of the request-size guards (which
 * keep every other body small): it asks Quarkus for the caller's (lazily authenticated) identity and
 * checks the admin role and, for a console session, the CSRF token itself.
 */
@ApplicationScoped
class ImportRoute {

    static final String PATH = "/admin/v1/imports";

    private final ImportJobs jobs;
    private final RouteProblems problems;
    private final ObjectMapper json;
    private final ParleyConfig config;

    ImportRoute(ImportJobs jobs, RouteProblems problems, ObjectMapper json, ParleyConfig config) {
        this.jobs = jobs;
        this.problems = problems;
        this.json = json;
        this.config = config;
    }

    /** Before the declared-body check ({@link RouteOrders#BODY_LIMIT}), which refuses bodies over 256 KiB, and Quarkus's own limit (-2). */
    void install(@Observes Router router) {
        router.post(PATH).order(RouteOrders.BODY_LIMIT - 1).handler(this::receive);
    }

    private void receive(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.pause();
        // authentication is lazy here (quarkus.http.auth.proactive=false): ask for the identity
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(
                identity -> receive(context, identity),
                failure -> problems.send(context, ProblemException.unauthorized("Send a newsroom token with the admin role.")));
    }

    private void receive(RoutingContext context, SecurityIdentity identity) {
        HttpServerRequest request = context.request();
        ImportFormat format;
        ImportOptions options;
        try {
            if (identity == null || identity.isAnonymous()) {
                throw ProblemException.unauthorized("Send a newsroom token with the admin role.");
            }
            if (!ConsoleCsrf.allows(request, identity)) {
                throw ConsoleCsrf.refused();
            }
            if (!identity.hasRole("admin")) {
                throw ProblemException.forbidden("Forbidden", "Imports need the admin role.");
            }
            format = ImportFormat.parse(request.getParam("format"));
            options = options(request);
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && Long.parseLong(length) > config.imports().maxSizeMb() * 1024 * 1024) {
                throw new ProblemException(413, "Export file too large", "Imports take files of up to "
                        + config.imports().maxSizeMb() + " MiB; import larger files with the command line"
                        + " (java -jar quarkus-run.jar import --format " + format.apiName() + " FILE).");
            }
        } catch (ProblemException refused) {
            problems.send(context, refused);
            return;
        } catch (NumberFormatException badLength) {
            problems.send(context, 400, "Bad request", "Content-Length is not a number.", List.of(), Map.of());
            return;
        }
        String actor = Actor.moderator(identity).name();
        Path file = Path.of(config.imports().dir(), "import-" + UUID.randomUUID() + "." + format.apiName() + ".xml");
        context.vertx().executeBlocking(() -> {
            jobs.refuseWhileRunning();
            Files.createDirectories(file.getParent());
            return null;
        }, false).compose(ready -> {
                    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                        context.response().writeContinue(); // a client that asked (curl -T) sends the file once it is accepted
                    }
                    return context.vertx().fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true));
                })
                .compose(target -> request.pipeTo(target))
                .compose(received -> context.vertx().executeBlocking(() -> jobs.create(format, options, file, Files.size(file), actor), false))
                .onSuccess(job -> context.response().setStatusCode(202)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.LOCATION, PATH + "/" + job.id())
                        .end(JsonText.of(json, job)))
                .onFailure(failure -> {
                    delete(file);
                    if (failure instanceof ProblemException refused) {
                        problems.send(context, refused);
                    } else {
                        context.fail(failure);
                    }
                });
    }

    private static ImportOptions options(HttpServerRequest request) {
        String articleIds = request.getParam("articleIds");
        if (articleIds != null && !articleIds.equals("source") && !articleIds.equals("url")) {
            throw io.parley.common.paging.Keyset.badParameter("articleIds", "must be source or url");
        }
        String zone = request.getParam("timeZone");
        ZoneId timeZone;
        try {
            timeZone = zone == null ? ImportOptions.DEFAULTS.timeZone() : ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw io.parley.common.paging.Keyset.badParameter("timeZone", "must be a time zone such as Europe/Paris");
        }
        String learnSpam = request.getParam("learnSpam");
        if (learnSpam != null && !learnSpam.equals("true") && !learnSpam.equals("false")) {
            throw io.parley.common.paging.Keyset.badParameter("learnSpam", "must be true or false");
        }
        return new ImportOptions("url".equals(articleIds), timeZone, "true".equals(learnSpam));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do: the directory is the operator's
        }
    }
}
