package dev.strata.dialect.sqlite;

import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.WaitListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * An in-memory SQLite database rebuilt from another SQLite database's catalog (and, where asked, some
 * of its rows), for a SQLite that strata reaches only over HTTP (remote Cloudflare D1). Reading the
 * copy with the usual {@link Database} gives the remote database's schema and other tools' histories
 * through the same reader as a local file, so both read alike.
 */
public final class SqliteReplica {

    /**
     * One row of {@code sqlite_schema}.
     *
     * @param sql the stored CREATE statement; null for indexes SQLite makes itself
     */
    public record CatalogEntry(String type, String name, String sql) {
        public CatalogEntry {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Rows of a table to copy, values in the order of {@code columns}. */
    public record TableRows(String table, List<String> columns, List<List<Object>> rows) {
        public TableRows {
            columns = List.copyOf(columns);
            rows = Collections.unmodifiableList(rows);
        }
    }

    private SqliteReplica() {}

    /**
     * @param catalog     the remote database's catalog, in its order (tables are created first, then
     *                    indexes, views and triggers)
     * @param rows        rows to copy into tables of the catalog
     * @param description names the remote database in messages
     */
    public static Database open(
            List<CatalogEntry> catalog, List<TableRows> rows, HistorySettings history, String description) {
        Connection connection = null;
        try {
            connection = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
            for (String type : List.of("table", "index", "view", "trigger")) {
                for (CatalogEntry entry : catalog) {
                    if (entry.type().equals(type) && entry.sql() != null && !exists(connection, entry.name())) {
                        // A virtual table creates its shadow tables itself; they are then skipped above.
                        try (Statement statement = connection.createStatement()) {
                            statement.execute(entry.sql());
                        }
                    }
                }
            }
            for (TableRows table : rows) {
                copy(connection, table);
            }
            return new SqliteDatabase(
                    connection, description, history, WaitListener.SILENT, SqliteConnections.DEFAULT_WAIT);
        } catch (SQLException e) {
            close(connection);
            throw new DatabaseException(
                    "could not read the catalog of " + description + " (" + e.getMessage()
                            + "); it holds a definition this SQLite can't replay",
                    e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1 FROM sqlite_schema WHERE lower(name) = lower(?)")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void copy(Connection connection, TableRows table) throws SQLException {
        if (table.rows().isEmpty()) {
            return;
        }
        String columns = String.join(
                ", ",
                table.columns().stream()
                        .map(dev.strata.dialect.Identifiers::quote)
                        .toList());
        String marks = String.join(", ", Collections.nCopies(table.columns().size(), "?"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                + dev.strata.dialect.Identifiers.quote(table.table()) + " (" + columns + ") VALUES (" + marks + ")")) {
            for (List<Object> row : table.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    insert.setObject(i + 1, row.get(i));
                }
                insert.executeUpdate();
            }
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
