package io.parley.testing;

import io.parley.common.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A real PostgreSQL 17 for the tests, thrown away afterwards. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedDatabase.start(Files.createTempDirectory("parley-test-db"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EmbeddedDatabase.connectionProperties(postgres);
    }

    @Override
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
