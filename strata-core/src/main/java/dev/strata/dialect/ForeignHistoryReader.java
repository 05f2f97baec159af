package dev.strata.dialect;

import dev.strata.adopt.ForeignHistory;
import dev.strata.adopt.ForeignRow;
import dev.strata.adopt.ForeignRow.Match;
import dev.strata.adopt.Tool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the history tables other migration tools keep, in the formats those tools document. The
 * queries are plain SQL that both engines run alike; finding a table and its columns is the
 * dialect's part ({@link Catalog}).
 *
 * <p>golang-migrate and dbmate both call their table {@code schema_migrations}: golang-migrate's has
 * a {@code dirty} column and one row (the current version), dbmate's one row per applied version.
 */
public final class ForeignHistoryReader {

    /** What only the dialect knows: where a table is and what columns it has. */
    public interface Catalog {

        /** The table as SQL should name it, when it exists where the tools would have made it. */
        Optional<String> find(String table) throws SQLException;

        /** The table's column names, lower case. */
        Set<String> columns(String table) throws SQLException;
    }

    private final Connection connection;
    private final Catalog catalog;

    public ForeignHistoryReader(Connection connection, Catalog catalog) {
        this.connection = connection;
        this.catalog = catalog;
    }

    /** Every other tool's history that holds at least one row. */
    public List<ForeignHistory> readAll() throws SQLException {
        List<ForeignHistory> found = new ArrayList<>();
        for (Tool tool : Tool.values()) {
            Optional<String> table = catalog.find(tool.table());
            if (table.isEmpty() || !isThisTool(tool, table.get())) {
                continue;
            }
            List<ForeignRow> rows = read(tool, table.get());
            if (!rows.isEmpty()) {
                found.add(new ForeignHistory(tool, tool.table(), rows));
            }
        }
        return found;
    }

    private boolean isThisTool(Tool tool, String table) throws SQLException {
        return switch (tool) {
            case GOLANG_MIGRATE -> catalog.columns(table).contains("dirty");
            case DBMATE -> !catalog.columns(table).contains("dirty");
            default -> true;
        };
    }

    private List<ForeignRow> read(Tool tool, String table) throws SQLException {
        return switch (tool) {
            case WRANGLER ->
                query(
                        "SELECT name, applied_at FROM " + table + " ORDER BY id",
                        rows -> row(
                                rows.getString(1),
                                Match.FILE_NAME,
                                "",
                                instant(rows.getObject(2)),
                                Optional.empty(),
                                true,
                                Optional.empty()));
            case SQLX ->
                query(
                        "SELECT version, description, installed_on, success, checksum, execution_time FROM " + table
                                + " ORDER BY version",
                        rows -> row(
                                rows.getString(1),
                                Match.VERSION,
                                rows.getString(2),
                                instant(rows.getObject(3)),
                                Optional.of(rows.getLong(6) / 1_000_000),
                                rows.getBoolean(4),
                                Optional.ofNullable(rows.getBytes(5)).map(HexFormat.of()::formatHex)));
            case FLYWAY -> flyway(table);
            case GOLANG_MIGRATE ->
                query(
                                "SELECT version, dirty FROM " + table,
                                rows -> row(
                                        rows.getString(1),
                                        Match.UP_TO_VERSION,
                                        "",
                                        Optional.empty(),
                                        Optional.empty(),
                                        !rows.getBoolean(2),
                                        Optional.empty()))
                        .stream()
                        .filter(r -> !r.key().startsWith("-"))
                        .toList();
            case DBMATE ->
                query(
                        "SELECT version FROM " + table + " ORDER BY version",
                        rows -> row(
                                rows.getString(1),
                                Match.VERSION,
                                "",
                                Optional.empty(),
                                Optional.empty(),
                                true,
                                Optional.empty()));
            case DIESEL ->
                query(
                        "SELECT version, run_on FROM " + table + " ORDER BY version",
                        rows -> row(
                                rows.getString(1),
                                Match.VERSION,
                                "",
                                instant(rows.getObject(2)),
                                Optional.empty(),
                                true,
                                Optional.empty()));
            case ALEMBIC ->
                query(
                        "SELECT version_num FROM " + table,
                        rows -> row(
                                rows.getString(1),
                                Match.NONE,
                                "",
                                Optional.empty(),
                                Optional.empty(),
                                true,
                                Optional.empty()));
        };
    }

    /**
     * Flyway's table logs every event in {@code installed_rank} order: a migration, a baseline, the
     * schema creation marker, an undo, each re-run of a repeatable migration. What counts is the
     * state at the end: the latest run of each repeatable migration, no undone version.
     */
    private List<ForeignRow> flyway(String table) throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT version, description, type, checksum, installed_on,"
                        + " execution_time, success FROM " + table + " ORDER BY installed_rank")) {
            while (result.next()) {
                String version = result.getString(1);
                String description = result.getString(2) == null ? "" : result.getString(2);
                String type = result.getString(3) == null ? "" : result.getString(3);
                Object checksum = result.getObject(4);
                Optional<Instant> at = instant(result.getObject(5));
                Optional<Long> ms = Optional.of(result.getLong(6));
                boolean success = result.getBoolean(7);
                if (type.equals("SCHEMA") || type.equals("DELETE")) {
                    continue; // markers of Flyway's own, no migration
                }
                if (type.startsWith("UNDO")) {
                    if (success) {
                        rows.removeIf(r -> r.match() == Match.VERSION && r.key().equals(version));
                    }
                    continue;
                }
                if (type.contains("BASELINE")) {
                    rows.add(row(version, Match.UP_TO_VERSION, description, at, ms, success, Optional.empty()));
                } else if (version == null) {
                    rows.removeIf(r -> r.match() == Match.REPEATABLE && r.key().equals(description));
                    rows.add(row(
                            description,
                            Match.REPEATABLE,
                            description,
                            at,
                            ms,
                            success,
                            Optional.ofNullable(checksum).map(Object::toString)));
                } else {
                    rows.add(row(
                            version,
                            Match.VERSION,
                            description,
                            at,
                            ms,
                            success,
                            Optional.ofNullable(checksum).map(Object::toString)));
                }
            }
        }
        return rows;
    }

    @FunctionalInterface
    private interface RowReader {
        ForeignRow read(ResultSet rows) throws SQLException;
    }

    private List<ForeignRow> query(String sql, RowReader reader) throws SQLException {
        List<ForeignRow> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.add(reader.read(rows));
            }
        }
        return result;
    }

    private static ForeignRow row(
            String key,
            Match match,
            String description,
            Optional<Instant> at,
            Optional<Long> ms,
            boolean success,
            Optional<String> checksum) {
        return new ForeignRow(
                key == null ? "" : key.strip(),
                match,
                description == null ? "" : description,
                at,
                ms,
                success,
                checksum);
    }

    /**
     * A tool's timestamp, whatever the column type: a TIMESTAMP(TZ) value, or SQLite text such as
     * {@code 2025-01-23 10:00:00} (CURRENT_TIMESTAMP, which is UTC). Unreadable values are left out.
     */
    static Optional<Instant> instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return Optional.of(timestamp.toInstant());
        }
        if (value instanceof OffsetDateTime offset) {
            return Optional.of(offset.toInstant());
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().strip().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
