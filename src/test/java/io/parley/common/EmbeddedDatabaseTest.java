package io.parley.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.common.db.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    /** zonky turns durability off for speed; the database the service runs on must have it back. */
    @Test
    void theServicesEmbeddedDatabaseSyncsCommitsToDisk() throws Exception {
        Path dir = Files.createTempDirectory("parley-durable-db");
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(dir, true);
                Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            assertEquals("on", setting(statement, "fsync"));
            assertEquals("on", setting(statement, "synchronous_commit"));
            assertEquals("17", setting(statement, "server_version").split("\\.")[0]);
        }
    }

    private static String setting(Statement statement, String name) throws Exception {
        try (ResultSet rs = statement.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
