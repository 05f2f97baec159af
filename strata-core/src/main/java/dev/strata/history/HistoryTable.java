package dev.strata.history;

import dev.strata.source.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SQL that reads and writes strata's history table, shared by every dialect.
 *
 * <p>Beside the history table lives a one-row table, {@code <table>_meta}, that holds the table's
 * format version, so that a later release can upgrade the history in place and an older release
 * refuses a history it does not understand instead of misreading it.
 *
 * <p>Stateless apart from its SQL strings; safe to share between threads.
 */
public final class HistoryTable {

    /** The history layout this release reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private final String table;
    private final String metaTable;
    private final HistoryColumnTypes types;

    /**
     * @param table      the history table's name, quoted and qualified as the engine needs
     * @param metaTable  the format table's name, quoted and qualified likewise
     */
    public HistoryTable(String table, String metaTable, HistoryColumnTypes types) {
        this.table = table;
        this.metaTable = metaTable;
        this.types = types;
    }

    public String name() {
        return table;
    }

    /** The column types, for strata's other tables beside the history. */
    public HistoryColumnTypes types() {
        return types;
    }

    /** The format table's name, as put into SQL. */
    public String metaName() {
        return metaTable;
    }

    /** Creates both tables when missing; safe to run again. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "version " + types.text() + " NOT NULL PRIMARY KEY, "
                    + "name " + types.text() + " NOT NULL, "
                    + "checksum " + types.text() + " NOT NULL, "
                    + "applied_at " + types.timestamp() + " NOT NULL, "
                    + "applied_by " + types.text() + " NOT NULL, "
                    + "execution_ms " + types.bigint() + " NOT NULL, "
                    + "success " + types.bool() + " NOT NULL, "
                    + "installed_rank " + types.bigint() + " NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS " + metaTable + " (" + "format_version " + types.bigint()
                    + " NOT NULL)");
            statement.execute("INSERT INTO " + metaTable + " (format_version) SELECT " + FORMAT_VERSION
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + metaTable + ")");
        }
    }

    /**
     * The stored format version: the one row of the format table. 0 when the table is empty or holds
     * NULL, -1 when it holds several rows (both only by hand: strata writes exactly one).
     */
    public int formatVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*), MAX(format_version), MIN(format_version) FROM " + metaTable)) {
            if (!rows.next() || rows.getLong(1) == 0 || rows.getObject(2) == null) {
                return 0;
            }
            return rows.getLong(1) > 1 && rows.getLong(2) != rows.getLong(3) ? -1 : rows.getInt(2);
        }
    }

    /**
     * Every row, sorted by version. A history edited by hand is refused row by row, column by column,
     * instead of being read into something strata never wrote (a NULL success read as false, a NULL
     * version as a crash).
     *
     * @throws IllegalArgumentException naming the row and column that strata did not write that way
     */
    public List<AppliedMigration> readAll(Connection connection) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        java.util.Map<Long, String> ranks = new java.util.HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, name, checksum, applied_at, applied_by, "
                        + "execution_ms, success, installed_rank FROM " + table)) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version == null) {
                    throw new IllegalArgumentException("a row has no version (NULL)");
                }
                String row = "the row of version '" + version + "'";
                for (int column = 2; column <= 8; column++) {
                    if (rows.getObject(column) == null) {
                        throw new IllegalArgumentException(row + " has NULL in " + COLUMNS.get(column - 1));
                    }
                }
                long executionMs = rows.getLong(6);
                if (executionMs < 0) {
                    throw new IllegalArgumentException(row + " has a negative execution_ms (" + executionMs + ")");
                }
                boolean success = readSuccess(rows, row);
                long rank = rows.getLong(8);
                String other = ranks.put(rank, version);
                if (other != null) {
                    throw new IllegalArgumentException(row + " and the row of version '" + other + "' share"
                            + " installed_rank " + rank + ", which orders them");
                }
                if (rows.getString(3).isBlank()) {
                    throw new IllegalArgumentException(row + " has an empty checksum");
                }
                applied.add(new AppliedMigration(
                        Version.parse(version),
                        rows.getString(2),
                        rows.getString(3),
                        readInstant(rows, 4),
                        rows.getString(5),
                        executionMs,
                        success));
            }
        }
        applied.sort(Comparator.comparing(AppliedMigration::version));
        return applied;
    }

    private static final List<String> COLUMNS = List.of(
            "version", "name", "checksum", "applied_at", "applied_by", "execution_ms", "success", "installed_rank");

    /** Only what strata writes: true or false (SQLite keeps 1 or 0); anything else is not read as false. */
    private static boolean readSuccess(ResultSet rows, String row) throws SQLException {
        Object value = rows.getObject(7);
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = String.valueOf(value);
        if (text.equals("1") || text.equals("0")) {
            return text.equals("1");
        }
        throw new IllegalArgumentException(row + " has success = '" + text + "' (strata writes only 1 or 0)");
    }

    /**
     * The whole history as text, every column of every row and the format row, for comparing what a
     * migration's statements left with what was there before them. Reads values raw, so that a
     * change strata could not even parse still shows.
     *
     * @return one line per row, keyed by version, plus the format rows
     */
    public java.util.SortedMap<String, String> snapshot(Connection connection) throws SQLException {
        java.util.SortedMap<String, String> rows = new java.util.TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM " + table)) {
            int count = 0;
            while (result.next()) {
                StringBuilder line = new StringBuilder();
                for (int column = 2; column <= COLUMNS.size(); column++) {
                    line.append(COLUMNS.get(column - 1))
                            .append('=')
                            .append(result.getString(column))
                            .append(' ');
                }
                rows.merge("version " + result.getString(1), line.toString(), (a, b) -> a + "| " + b);
                count++;
            }
            rows.put("row count", String.valueOf(count));
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT format_version FROM " + metaTable)) {
            StringBuilder formats = new StringBuilder();
            while (result.next()) {
                formats.append(result.getString(1)).append(' ');
            }
            rows.put("format", formats.toString());
        }
        return rows;
    }

    public boolean contains(Connection connection, Version version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE version = ?")) {
            query.setString(1, version.text());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The installed_rank of the next row: one more than the highest. Reads the whole table (there is
     * no index on the rank), so a session that writes many rows asks once and counts on.
     */
    public long nextRank(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The checksum recorded for {@code version}; empty when it has no row. */
    public Optional<String> checksum(Connection connection, Version version) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT checksum FROM " + table + " WHERE version = ?")) {
            query.setString(1, version.text());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts a row after every other: with the next installed_rank. */
    public void insert(Connection connection, AppliedMigration row) throws SQLException {
        insert(connection, row, nextRank(connection));
    }

    /** Inserts a row with the given installed_rank, normally {@link #nextRank}. */
    public void insert(Connection connection, AppliedMigration row, long rank) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ROW.formatted(table))) {
            bindRow(insert, row, rank);
            insert.executeUpdate();
        }
    }

    /**
     * Inserts rows with the given installed_ranks, {@code ranks[i]} for {@code rows.get(i)}, as one
     * JDBC batch: a server-based driver sends them together instead of one round trip each.
     */
    public void insertAll(Connection connection, List<AppliedMigration> rows, long[] ranks) throws SQLException {
        if (rows.size() != ranks.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + ranks.length + " ranks");
        }
        if (rows.isEmpty()) {
            return;
        }
        if (rows.size() == 1) {
            insert(connection, rows.get(0), ranks[0]);
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ROW.formatted(table))) {
            for (int i = 0; i < rows.size(); i++) {
                bindRow(insert, rows.get(i), ranks[i]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static final String INSERT_ROW = "INSERT INTO %s"
            + " (version, name, checksum, applied_at, applied_by, execution_ms, success, installed_rank)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private void bindRow(PreparedStatement insert, AppliedMigration row, long rank) throws SQLException {
        insert.setString(1, row.version().text());
        insert.setString(2, row.name());
        insert.setString(3, row.checksum());
        bindInstant(insert, 4, row.appliedAt());
        insert.setString(5, row.appliedBy());
        insert.setLong(6, row.executionMs());
        insert.setBoolean(7, row.success());
        insert.setLong(8, rank);
    }

    public void markSucceeded(Connection connection, Version version, Instant at, long executionMs)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET success = ?, applied_at = ?, execution_ms = ? WHERE version = ?")) {
            update.setBoolean(1, true);
            bindInstant(update, 2, at);
            update.setLong(3, executionMs);
            update.setString(4, version.text());
            update.executeUpdate();
        }
    }

    /**
     * Marks a successful row as failed.
     *
     * @return false when there was no successful row for {@code version} to mark
     */
    public boolean markFailed(Connection connection, Version version) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE " + table + " SET success = ? WHERE version = ? AND success = ?")) {
            update.setBoolean(1, false);
            update.setString(2, version.text());
            update.setBoolean(3, true);
            return update.executeUpdate() > 0;
        }
    }

    public void delete(Connection connection, Version version) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            delete.setString(1, version.text());
            delete.executeUpdate();
        }
    }

    private void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (types.timestampIsText()) {
            statement.setString(index, instant.toString());
        } else {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private Instant readInstant(ResultSet rows, int index) throws SQLException {
        return types.timestampIsText()
                ? IsoInstants.parse(rows.getString(index))
                : rows.getObject(index, OffsetDateTime.class).toInstant();
    }
}
