package io.parley.common.web;

import io.parley.common.error.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Request bodies above 256 KiB get a 413 problem. A declared Content-Length is refused before the
 * body is read (ahead of Quarkus's own limit, which answers with an empty 413); a chunked body is
 * counted while JAX-RS reads it. quarkus.http.limits.max-body-size stays as the outer guard.
 */
@Singleton
public class BodyLimit {

    public static final long MAX_BYTES = 256 * 1024;

    private static final String TOO_LARGE = "Request body too large";
    private static final String LIMIT = "Request bodies are limited to 256 KiB.";
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS");

    private final RouteProblems problems;

    BodyLimit(RouteProblems problems) {
        this.problems = problems;
    }

    /** A body declared larger than the limit is refused before it is read (one of the {@link RequestGuards}). */
    boolean refuseDeclaredOversize(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > MAX_BYTES) {
            problems.send(context, 413, TOO_LARGE, LIMIT, List.of(), Map.of(HttpHeaders.CONNECTION.toString(), "close"));
            return true;
        }
        return false;
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Counts a body while JAX-RS parses it, once Quarkus has received it (a chunked body up to
     * quarkus.http.limits.max-body-size). A request filter rather than a ReaderInterceptor: with any
     * reader interceptor, RESTEasy Reactive parses the resource method's parameter annotations by
     * reflection on every request with a body, 3 % of the service's CPU under the write benchmark.
     */
    @ServerRequestFilter(readBody = true)
    void countBody(ContainerRequestContext request) {
        if (!BODILESS.contains(request.getMethod())) {
            request.setEntityStream(new Bounded(request.getEntityStream()));
        }
    }

    private static final class Bounded extends FilterInputStream {

        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_BYTES) {
                throw new ProblemException(413, TOO_LARGE, LIMIT);
            }
        }
    }
}
