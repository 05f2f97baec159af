package dev.strata.dialect.d1;

import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.sqlite.SqliteCopy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A rehearsal's copy of a remote D1 database: D1's export (the one {@code strata backup} writes)
 * loaded into a SQLite file of a temporary folder, which the copy's {@code sqlite:} URL opens with
 * SQLite's dialect. The live database is only read, by the export.
 *
 * <p>What it proves: SQLite is the engine D1 runs, so the migrations meet the real rows, types,
 * constraints and verify checks as they would there. What it does not: D1's own limits (30 s per
 * batch, the size of a statement and of a request) and its timings, which belong to D1's servers;
 * {@link #description()} says so in the report.
 */
final class D1Copy implements ThrowawayDatabase {

    /** How long the export may take before the copy is given up, as for a backup. */
    private static final Duration EXPORT_LIMIT = Duration.ofMinutes(10);

    private final SqliteCopy copy;

    private D1Copy(SqliteCopy copy) {
        this.copy = copy;
    }

    /** @throws DatabaseException or {@link dev.strata.backup.BackupException} when the export fails or does not load */
    static D1Copy of(DatabaseUrl live) {
        D1Client client = new D1Client(live.d1().orElseThrow(), live.password().orElse(""), live.display());
        String export = client.exportSql(EXPORT_LIMIT);
        return new D1Copy(SqliteCopy.filledBy(file -> {
            try (Connection connection = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + file)) {
                D1BackupTool.load(
                        "the export of " + live.display(),
                        export,
                        connection,
                        "the copy for the rehearsal can't be made; check 'strata backup' of the same database");
            } catch (SQLException e) {
                throw new DatabaseException(
                        "could not open the SQLite file of the rehearsal's copy (" + e.getMessage() + ")", e);
            }
        }));
    }

    @Override
    public DatabaseUrl url() {
        return copy.url();
    }

    @Override
    public String description() {
        return copy.url().display() + ", loaded from D1's export: SQLite runs the migrations, as it does in D1,"
                + " but D1's limits (30 s per batch, statement and request sizes) and its timings are not reproduced";
    }

    @Override
    public void close() {
        copy.close();
    }
}
