package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.callback.CallbackEvent;
import dev.strata.dialect.HistoryTamperedException;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --single-transaction} on a real engine: every pending migration and its history row
 * commit together, or nothing of the run stays. Each engine's subclass gives the catalog query that
 * shows "exactly as before".
 */
public abstract class SingleTransactionConformanceTest {

    private static final MigrateOptions SINGLE = new MigrateOptions(Optional.empty(), false, false, Optional.of(true));

    @TempDir
    protected Path project;

    protected String url;

    /** A URL of an empty database that only this test uses. */
    protected abstract String newDatabaseUrl(Path folder) throws IOException;

    /** Every object of the database with its definition, one row each, sorted: the schema as a whole. */
    protected abstract String catalogQuery();

    /** The names of the tables, one per row, sorted. */
    protected abstract String tableListQuery();

    @BeforeEach
    void freshDatabase() throws IOException {
        url = newDatabaseUrl(project);
        Files.createDirectories(project.resolve("migrations"));
    }

    private Strata strata() {
        return Strata.configure().projectDir(project).url(url).load();
    }

    private void write(String file, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(file), sql);
    }

    private List<List<String>> query(String sql) {
        return Jdbc.query(url, sql);
    }

    /** The tables, strata's history tables left out. */
    private List<String> tables() {
        return query(tableListQuery()).stream()
                .map(row -> row.get(0))
                .filter(name -> !name.startsWith("strata_history"))
                .toList();
    }

    private List<List<String>> history() {
        return query("SELECT * FROM strata_history ORDER BY installed_rank");
    }

    @Test
    void appliesEveryPendingMigrationAndItsHistoryRowInOneRun() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);");
        write("0002_rows.sql", "INSERT INTO t (id, v) VALUES (1, 'a'), (2, 'b');");
        write("0003_u.sql", "CREATE TABLE u (id INTEGER PRIMARY KEY);\nCREATE INDEX t_v ON t (v);");

        MigrateResult result = strata().migrate(SINGLE);

        assertThat(result.singleTransaction()).isTrue();
        assertThat(result.applied()).extracting(row -> row.version().text()).containsExactly("0001", "0002", "0003");
        assertThat(tables()).containsExactly("t", "u");
        assertThat(query("SELECT count(*) FROM t")).containsExactly(List.of("2"));
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(3);
        // The ranks counted on inside the one transaction are the ones a later run continues from.
        write("0004_w.sql", "CREATE TABLE w (id INTEGER);");
        assertThat(strata().migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("0004");
        assertThat(query("SELECT installed_rank FROM strata_history ORDER BY installed_rank"))
                .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
    }

    @Test
    void aFailingThirdMigrationLeavesTheDatabaseExactlyAsItWas() throws IOException {
        write("0001_base.sql", "CREATE TABLE base (id INTEGER PRIMARY KEY);");
        strata().migrate();
        List<List<String>> catalogBefore = query(catalogQuery());
        List<List<String>> historyBefore = history();

        write("0002_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t (id) VALUES (1);");
        write("0003_u.sql", "CREATE TABLE u (id INTEGER);\nINSERT INTO base (id) VALUES (7);");
        write("0004_broken.sql", "CREATE TABLE v (id INTEGER);\nINSERT INTO no_such_table VALUES (1);");

        assertThatThrownBy(() -> strata().migrate(SINGLE))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/0004_broken.sql:2")
                .hasMessageContaining("none of its 3 migrations was applied");

        assertThat(query(catalogQuery())).isEqualTo(catalogBefore);
        assertThat(history()).isEqualTo(historyBefore);
        assertThat(query("SELECT count(*) FROM base")).containsExactly(List.of("0"));
        assertThat(strata().status().count(MigrationState.PENDING)).isEqualTo(3);

        // Fixed, the same run applies all three, numbered on from the history as it is.
        write("0004_broken.sql", "CREATE TABLE v (id INTEGER);");
        assertThat(strata().migrate(SINGLE).applied()).hasSize(3);
        assertThat(query("SELECT installed_rank FROM strata_history ORDER BY installed_rank"))
                .containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
    }

    @Test
    void aMigrationThatWritesTheHistoryRollsTheWholeRunBack() throws IOException {
        // The history is compared once around the whole run, and the run's rows are written after that.
        write("0001_base.sql", "CREATE TABLE base (id INTEGER PRIMARY KEY);");
        strata().migrate();
        List<List<String>> catalogBefore = query(catalogQuery());
        List<List<String>> historyBefore = history();
        write("0002_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        write(
                "0003_edit.sql",
                "-- strata:allow history-write the attack under test\n"
                        + "UPDATE strata_history SET checksum = 'x' WHERE version = '0001';");
        write("0004_u.sql", "CREATE TABLE u (id INTEGER PRIMARY KEY);");

        assertThatThrownBy(() -> strata().migrate(SINGLE))
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageStartingWith("migrations/0002_t.sql to migrations/0004_u.sql (one of these 3 migrations,"
                        + " run in one transaction): its statements wrote strata's history table")
                .hasMessageContaining("none of its 3 migrations was applied")
                .hasMessageContaining("without --single-transaction the run stops at the migration that does");

        assertThat(query(catalogQuery())).isEqualTo(catalogBefore);
        assertThat(history()).isEqualTo(historyBefore);
    }

    @Test
    void aNoTransactionMigrationRefusesTheRunBeforeAnythingChanges() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        write("0002_outside.sql", "-- strata:no-transaction\nCREATE TABLE u (id INTEGER);\n");
        write("0003_own.sql", "BEGIN;\nCREATE TABLE w (id INTEGER);\nCOMMIT;\nCREATE TABLE x (id INTEGER);\n");

        assertThatThrownBy(() -> strata().migrate(SINGLE))
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("nothing was applied")
                .hasMessageContaining("migrations/0002_outside.sql: --single-transaction")
                .hasMessageContaining("it is marked to run outside a transaction")
                .hasMessageContaining("migrations/0003_own.sql: --single-transaction")
                .hasMessageContaining("it opens its own transactions");
        assertThat(tables()).isEmpty();
    }

    @Test
    void aDryRunSaysItWouldBeOneTransactionAndChangesNothing() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");

        MigrateResult result = strata().migrate(new MigrateOptions(Optional.empty(), true, false, Optional.of(true)));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.singleTransaction()).isTrue();
        assertThat(result.planned()).hasSize(1);
        assertThat(tables()).isEmpty();
    }

    @Test
    void eachMigrationCallbacksRunInsideTheOneTransactionAndRollBackWithIt() throws IOException {
        Path callbacks = project.resolve("migrations").resolve("callbacks");
        Files.createDirectories(callbacks);
        Files.writeString(
                callbacks.resolve(CallbackEvent.AFTER_EACH.fileName()),
                "INSERT INTO audit (what) VALUES ('after one');\n");
        write("0001_audit.sql", "CREATE TABLE audit (what TEXT);");
        write("0002_t.sql", "CREATE TABLE t (id INTEGER);");

        strata().migrate(SINGLE);
        assertThat(query("SELECT count(*) FROM audit")).containsExactly(List.of("2"));

        write("0003_u.sql", "CREATE TABLE u (id INTEGER);");
        write("0004_broken.sql", "INSERT INTO no_such_table VALUES (1);");
        assertThatThrownBy(() -> strata().migrate(SINGLE)).isInstanceOf(MigrationFailedException.class);
        // The callback's row for 0003 went with the run.
        assertThat(query("SELECT count(*) FROM audit")).containsExactly(List.of("2"));
        assertThat(tables()).doesNotContain("u");
    }

    @Test
    void theSettingInStrataTomlTurnsItOnAndTheOptionTurnsItOff() throws IOException {
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nsingle_transaction = true\n");
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        write("0002_broken.sql", "INSERT INTO no_such_table VALUES (1);");

        assertThat(strata().config().singleTransaction()).isTrue();
        assertThatThrownBy(() -> strata().migrate()).isInstanceOf(MigrationFailedException.class);
        assertThat(tables()).isEmpty();

        // Per migration, the first one stays applied.
        assertThatThrownBy(
                        () -> strata().migrate(new MigrateOptions(Optional.empty(), false, false, Optional.of(false))))
                .isInstanceOf(MigrationFailedException.class);
        assertThat(tables()).containsExactly("t");
        assertThat(strata().status().migrations())
                .filteredOn(m -> m.state() == MigrationState.APPLIED)
                .extracting(m -> m.version())
                .containsExactly(Version.parse("0001"));
    }
}
