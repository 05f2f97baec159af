package dev.strata.dialect.postgres;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect.Access;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Shared steps of the PostgreSQL schema tests. */
final class PostgresFixtures {

    static final HistorySettings HISTORY = new HistorySettings("strata_history", Optional.empty());

    private PostgresFixtures() {}

    static DatabaseUrl parse(String url) {
        return DatabaseUrls.parse(url, Path.of("."));
    }

    /** Reads the schema of the database at {@code url} through a read-only strata session. */
    static Schema schemaOf(String url) {
        try (Database database = PostgresDialect.INSTANCE.open(parse(url), HISTORY, Access.READ, WaitListener.SILENT)) {
            return database.schema();
        }
    }

    /**
     * Runs a script statement by statement on one session, split the way strata splits migrations
     * (the driver alone would split a BEGIN ATOMIC body at its inner semicolons).
     */
    static void load(String url, String script) {
        try (Connection connection = Jdbc.connect(url);
                Statement statement = connection.createStatement()) {
            for (dev.strata.sql.Statement sql :
                    PostgresDialect.INSTANCE.splitter().split("script", script).statements()) {
                statement.execute(sql.sql());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading the script failed: " + e.getMessage(), e);
        }
    }

    /** A SQL file next to this class in the test resources. */
    static String resource(String name) {
        try (InputStream in = PostgresFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
