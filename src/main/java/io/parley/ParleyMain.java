package io.parley;

import io.parley.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts an embedded PostgreSQL before Quarkus when no database is configured, so that
 * {@code ./mvnw quarkus:dev} or {@code java -jar} work on a machine with nothing installed.
 * Tests do not pass through here: they get their database from a test resource.
 */
@QuarkusMain
public class ParleyMain {

    public static void main(String... args) {
        EmbeddedDatabase.startUnlessConfigured();
        Quarkus.run(args);
    }
}
