package dev.strata.dialect.sqlite;

import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.sql.SqliteSplitter;
import dev.strata.sql.Statement;
import dev.strata.testing.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Real SQLite files for the schema tests: run a script into one, read its schema back. */
final class SqliteFiles {

    static final HistorySettings HISTORY = new HistorySettings("strata_history", Optional.empty());

    private SqliteFiles() {}

    /** Runs every statement of {@code script}, split as strata splits migrations, on the file. */
    static void run(Path file, String script) {
        try (Connection connection = Jdbc.connect("sqlite:" + file)) {
            for (Statement statement :
                    SqliteSplitter.INSTANCE.split("script.sql", script).statements()) {
                try (java.sql.Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("script failed on " + file + ": " + e.getMessage(), e);
        }
    }

    /** The schema through the public API: the dialect opens the file, the session reads it. */
    static Schema schema(Path file) {
        return schema("sqlite:" + file);
    }

    static Schema schema(String url) {
        try (Database database = SqliteDialect.INSTANCE.open(
                DatabaseUrls.parse(url, Path.of(".")), HISTORY, Dialect.Access.READ, WaitListener.SILENT)) {
            return database.schema();
        }
    }
}
