package dev.strata.dialect;

import dev.strata.history.HistoryColumnTypes;
import dev.strata.source.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Strata's {@code <history>_backfill} table, beside the history: one row per backfill of a migration
 * that has started and not yet been recorded as applied, keyed by version and the UPDATE's line. Each
 * batch commits its row's new last key in its own transaction, so the row always says exactly which
 * batches took effect. Created the first time a backfill runs; the rows of a migration are deleted
 * when it is recorded as applied, and when a migration starts afresh (after {@code repair}).
 */
final class BackfillTable {

    private final String table;
    private final HistoryColumnTypes types;

    /** @param table the table's name, quoted and qualified as the engine needs */
    BackfillTable(String table, HistoryColumnTypes types) {
        this.table = table;
        this.types = types;
    }

    String name() {
        return table;
    }

    void create(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (version " + types.text() + " NOT NULL, line "
                    + types.bigint() + " NOT NULL, last_key " + types.bigint() + ", rows_done " + types.bigint()
                    + " NOT NULL, done " + types.bool() + " NOT NULL, updated_at " + types.text()
                    + " NOT NULL, PRIMARY KEY (version, line))");
        }
    }

    /** The rows of {@code version}, by line. */
    Map<Integer, BackfillRun.Saved> read(Connection connection, Version version) throws SQLException {
        Map<Integer, BackfillRun.Saved> saved = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT line, last_key, rows_done, done FROM " + table + " WHERE version = ? ORDER BY line")) {
            query.setString(1, version.text());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long key = rows.getLong(2);
                    Optional<Long> lastKey = rows.wasNull() ? Optional.empty() : Optional.of(key);
                    saved.put(rows.getInt(1), new BackfillRun.Saved(lastKey, rows.getLong(3), rows.getBoolean(4)));
                }
            }
        }
        return saved;
    }

    /** The row of one backfill, written with no batch done when it has none. */
    BackfillRun.Saved begin(Connection connection, Version version, int line) throws SQLException {
        BackfillRun.Saved saved = read(connection, version).get(line);
        if (saved != null) {
            return saved;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (version, line, last_key, rows_done, done, updated_at) VALUES (?, ?, NULL, 0, ?, ?)")) {
            insert.setString(1, version.text());
            insert.setInt(2, line);
            insert.setBoolean(3, false);
            insert.setString(4, Instant.now().toString());
            insert.executeUpdate();
        }
        return new BackfillRun.Saved(Optional.empty(), 0, false);
    }

    void advance(Connection connection, Version version, int line, long lastKey, long rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET last_key = ?, rows_done = rows_done + ?, updated_at = ? WHERE version = ? AND line = ?")) {
            update.setLong(1, lastKey);
            update.setLong(2, rows);
            update.setString(3, Instant.now().toString());
            update.setString(4, version.text());
            update.setInt(5, line);
            update.executeUpdate();
        }
    }

    void finish(Connection connection, Version version, int line) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET done = ?, updated_at = ? WHERE version = ? AND line = ?")) {
            update.setBoolean(1, true);
            update.setString(2, Instant.now().toString());
            update.setString(3, version.text());
            update.setInt(4, line);
            update.executeUpdate();
        }
    }

    void clear(Connection connection, Version version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            delete.setString(1, version.text());
            delete.executeUpdate();
        }
    }
}
