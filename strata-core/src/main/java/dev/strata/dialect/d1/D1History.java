package dev.strata.dialect.d1;

import dev.strata.dialect.Identifiers;
import dev.strata.history.AppliedMigration;
import dev.strata.history.HistoryTable;
import dev.strata.history.IsoInstants;
import dev.strata.source.Version;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of strata's history table (and of wrangler's {@code d1_migrations} when {@code history =
 * "d1"}) as D1 statements. The layout is the one strata keeps in every SQLite file ({@code
 * HistoryTable} with SQLite's types), so a database exported from D1 reads the same locally.
 *
 * <p>Every write is written to sit inside a migration's batch: the rank is computed by the
 * database, and the execution time is measured between the batch's first and last statement.
 */
final class D1History {

    /** Milliseconds since the epoch, as SQLite computes them; moves between the statements of a batch. */
    private static final String NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    private static final DateTimeFormatter WRANGLER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String table;
    private final String name;
    private final String meta;
    private final Optional<String> mirror;

    /**
     * @param table  the history table's plain name
     * @param mirror wrangler's migrations table to keep in step, when {@code history = "d1"}
     */
    D1History(String table, Optional<String> mirror) {
        this.name = table;
        this.table = Identifiers.quote(table);
        this.meta = Identifiers.quote(table + "_meta");
        this.mirror = mirror.map(Identifiers::quote);
    }

    String name() {
        return name;
    }

    List<D1Statement> create() {
        List<D1Statement> statements = new ArrayList<>(List.of(
                D1Statement.of("CREATE TABLE IF NOT EXISTS " + table + " (version TEXT NOT NULL PRIMARY KEY,"
                        + " name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL,"
                        + " applied_by TEXT NOT NULL, execution_ms INTEGER NOT NULL, success INTEGER NOT NULL,"
                        + " installed_rank INTEGER NOT NULL)"),
                D1Statement.of("CREATE TABLE IF NOT EXISTS " + meta + " (format_version INTEGER NOT NULL)"),
                D1Statement.of("INSERT INTO " + meta + " (format_version) SELECT " + HistoryTable.FORMAT_VERSION
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + meta + ")")));
        // wrangler's own definition of its table, so that wrangler finds what it expects.
        mirror.ifPresent(m -> statements.add(D1Statement.of("CREATE TABLE IF NOT EXISTS " + m + "(id INTEGER PRIMARY"
                + " KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)")));
        return statements;
    }

    D1Statement formatVersion() {
        return D1Statement.of("SELECT MAX(format_version) FROM " + meta);
    }

    D1Statement readAll() {
        return D1Statement.of(
                "SELECT version, name, checksum, applied_at, applied_by, execution_ms, success FROM " + table);
    }

    D1Statement checksum(Version version) {
        return D1Statement.of("SELECT checksum FROM " + table + " WHERE version = ?", version.text());
    }

    static List<AppliedMigration> rows(D1Result result) {
        List<AppliedMigration> applied = new ArrayList<>(result.rows().size());
        for (int i = 0; i < result.rows().size(); i++) {
            applied.add(new AppliedMigration(
                    Version.parse(result.text(i, 0)),
                    result.text(i, 1),
                    result.text(i, 2),
                    IsoInstants.parse(result.text(i, 3)),
                    result.text(i, 4),
                    Long.parseLong(result.text(i, 5)),
                    !"0".equals(result.text(i, 6))));
        }
        applied.sort(Comparator.comparing(AppliedMigration::version));
        return applied;
    }

    /**
     * The first statement of a migration's batch: its row, with the next rank. A version already
     * recorded fails here, on the primary key, before any statement of the migration runs.
     * execution_ms holds the start time until {@link #finished} turns it into the duration.
     */
    D1Statement started(AppliedMigration row) {
        return D1Statement.of(
                "INSERT INTO " + table + " (version, name, checksum, applied_at, applied_by,"
                        + " execution_ms, success, installed_rank) VALUES (?, ?, ?, ?, ?, " + NOW_MS + ", ?, (SELECT"
                        + " COALESCE(MAX(installed_rank), 0) + 1 FROM " + table + "))",
                row.version().text(),
                row.name(),
                row.checksum(),
                row.appliedAt().toString(),
                row.appliedBy(),
                row.success() ? "1" : "0");
    }

    /** The last statement of a migration's batch. */
    D1Statement finished(Version version) {
        return D1Statement.of(
                "UPDATE " + table + " SET execution_ms = " + NOW_MS + " - execution_ms WHERE version = ?",
                version.text());
    }

    /** Marks a migration that ran in several requests applied, its execution time measured from its first. */
    D1Statement succeeded(Version version) {
        return D1Statement.of(
                "UPDATE " + table + " SET success = 1, execution_ms = " + NOW_MS + " - execution_ms WHERE version = ?",
                version.text());
    }

    /** A row recorded without running anything (baseline, adopt), unless the version is there already. */
    D1Statement record(AppliedMigration row) {
        return D1Statement.of(
                "INSERT INTO " + table + " (version, name, checksum, applied_at, applied_by,"
                        + " execution_ms, success, installed_rank) SELECT ?, ?, ?, ?, ?, ?, 1, (SELECT"
                        + " COALESCE(MAX(installed_rank), 0) + 1 FROM " + table + ") WHERE NOT EXISTS (SELECT 1 FROM "
                        + table + " WHERE version = ?)",
                row.version().text(),
                row.name(),
                row.checksum(),
                row.appliedAt().toString(),
                row.appliedBy(),
                Long.toString(row.executionMs()),
                row.version().text());
    }

    /** Removes a repeatable migration's previous row, so that its new run is recorded after every other. */
    D1Statement replaced(Version version, String checksum) {
        return D1Statement.of(
                "DELETE FROM " + table + " WHERE version = ? AND checksum <> ?", version.text(), checksum);
    }

    /**
     * Follows the DELETE of a version's row in a down script's batch: fails the whole batch (a NULL
     * version violates NOT NULL) when that DELETE found no row, because another run reverted the
     * version first. So claiming the row and running the down script are one transaction.
     */
    D1Statement deletedOrFail() {
        return D1Statement.of("INSERT INTO " + table + " (version, name, checksum, applied_at, applied_by,"
                + " execution_ms, success, installed_rank) SELECT NULL, '', '', '', '', 0, 0, 0 WHERE changes() = 0");
    }

    /** Whether D1's message says the version's row was gone when a down script's batch claimed it. */
    boolean isAlreadyDeleted(String databaseMessage) {
        return databaseMessage.contains("NOT NULL constraint failed: " + name + ".version");
    }

    D1Statement delete(Version version) {
        return D1Statement.of("DELETE FROM " + table + " WHERE version = ?", version.text());
    }

    /** wrangler's row for a migration strata applied, named like wrangler names its files; none without mirror. */
    Optional<D1Statement> mirrorRecorded(AppliedMigration row) {
        return mirror.map(m -> D1Statement.of(
                "INSERT INTO " + m + " (name, applied_at) SELECT ?, ? WHERE NOT EXISTS" + " (SELECT 1 FROM " + m
                        + " WHERE name = ?)",
                row.label() + ".sql",
                WRANGLER_TIME.format(row.appliedAt()),
                row.label() + ".sql"));
    }

    Optional<D1Statement> mirrorRemoved(AppliedMigration row) {
        return mirror.map(m -> D1Statement.of("DELETE FROM " + m + " WHERE name = ?", row.label() + ".sql"));
    }

    /** Whether D1's message says the history key refused a second row for a version. */
    boolean isHistoryKeyConflict(String databaseMessage) {
        return databaseMessage.contains("UNIQUE constraint failed: " + name + ".version");
    }
}
