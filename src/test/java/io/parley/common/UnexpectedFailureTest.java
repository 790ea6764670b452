package io.parley.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.common.error.Problem;
import io.parley.common.error.ProblemMapper;
import io.parley.testing.UnexpectedFailures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * The last resort, for a bug no test foresaw: the client gets a problem that gives nothing away,
 * and the log gets the cause, which the suite (UnexpectedFailures) treats as a failed test.
 */
@QuarkusTest
class UnexpectedFailureTest {

    @Test
    @UnexpectedFailures.Provokes
    void aBugIsA500ProblemThatRevealsNothing() {
        Response answer = new ProblemMapper().unexpected(new IllegalStateException("connection string postgres://secret@db"));
        assertEquals(500, answer.getStatus());
        assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
        Problem problem = (Problem) answer.getEntity();
        assertEquals("Something went wrong on our side; nothing was changed.", problem.detail());
        assertFalse(problem.toString().contains("secret"));
    }

    @Test
    void anUnavailableDatabaseIsA503WithRetryAfter() {
        // PostgreSQL refusing connections, and Agroal's pool with every connection busy past its timeout
        for (Exception cause : new Exception[] {new java.sql.SQLException("Connection to localhost:5432 refused.", "08001"),
                new java.sql.SQLException("Acquisition timeout while waiting for new connection")}) {
            Response answer = new ProblemMapper().unexpected(new RuntimeException(cause));
            assertEquals(503, answer.getStatus(), cause.getMessage());
            assertEquals("3", answer.getHeaderString("Retry-After"));
        }
    }
}
