package io.parley;

import io.parley.common.StartupConfig;
import io.parley.common.db.EmbeddedDatabase;
import io.parley.portability.ImportCommand;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.config.SmallRyeConfig;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Checks the settings production cannot run without, and starts an embedded PostgreSQL before
 * Quarkus where no database is configured and that is allowed, so that {@code ./mvnw quarkus:dev}
 * works on a machine with nothing installed.
 * Tests do not pass through here: they get their database from a test resource.
 */
@QuarkusMain
public class ParleyMain {

    public static void main(String... args) {
        boolean importing = args.length > 0 && args[0].equals("import");
        if (importing) {
            System.setProperty("quarkus.http.host-enabled", "false"); // a command, not a server
        }
        SmallRyeConfig config = StartupConfig.load();
        List<String> missing = StartupConfig.missingAdminJwtConfig(config);
        if (!missing.isEmpty()) {
            System.err.println("Parley cannot start: set " + String.join(" and ", missing) + ".");
            System.exit(2);
        }
        EmbeddedDatabase.Starting database = EmbeddedDatabase.Starting.NOTHING;
        try {
            database = EmbeddedDatabase.startUnlessConfigured(config);
        } catch (EmbeddedDatabase.MissingConfiguration e) {
            System.err.println("Parley cannot start: " + e.getMessage());
            System.exit(2);
        }
        initialiseQuarkus();
        try {
            database.await();
        } catch (CompletionException e) {
            System.err.println("Parley cannot start: " + e.getCause().getMessage());
            System.exit(2);
        }
        if (importing) {
            Quarkus.run(ImportCommand.class, args);
        } else {
            Quarkus.run(args);
        }
    }

    /**
     * Runs Quarkus's static initialisation (CDI, Hibernate's metamodel, validators: about half of the
     * startup) while an embedded PostgreSQL boots, instead of after it; nothing in it connects to the
     * database. Quarkus.run finds the class initialised. Where it is not on the class path (a launch
     * from an IDE), Quarkus.run builds the application itself.
     */
    private static void initialiseQuarkus() {
        try {
            Class.forName(Application.APP_CLASS_NAME, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            // nothing to do ahead: Quarkus.run builds it
        }
    }
}
