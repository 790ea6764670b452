package io.parley;

import io.parley.common.StartupConfig;
import io.parley.common.db.EmbeddedDatabase;
import io.smallrye.config.SmallRyeConfig;
import java.util.List;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Checks the settings production cannot run without, and starts an embedded PostgreSQL before
 * Quarkus where no database is configured and that is allowed, so that {@code ./mvnw quarkus:dev}
 * works on a machine with nothing installed.
 * Tests do not pass through here: they get their database from a test resource.
 */
@QuarkusMain
public class ParleyMain {

    public static void main(String... args) {
        SmallRyeConfig config = StartupConfig.load();
        List<String> missing = StartupConfig.missingAdminJwtConfig(config);
        if (!missing.isEmpty()) {
            System.err.println("Parley cannot start: set " + String.join(" and ", missing) + ".");
            System.exit(2);
        }
        try {
            EmbeddedDatabase.startUnlessConfigured(config);
        } catch (EmbeddedDatabase.MissingConfiguration e) {
            System.err.println("Parley cannot start: " + e.getMessage());
            System.exit(2);
        }
        Quarkus.run(args);
    }
}
