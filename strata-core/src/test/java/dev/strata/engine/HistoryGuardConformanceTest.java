package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.HistoryTamperedException;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history is strata's own: what a migration or down script does to it is undone (or, outside a
 * transaction, stops the run), and a history edited by hand or lost gets one clear message instead of
 * a crash or a rerun of every migration. Run on each engine.
 */
abstract class HistoryGuardConformanceTest {

    @TempDir
    Path project;

    String url;

    abstract String newDatabaseUrl(Path folder) throws IOException;

    /** Statements that let every history column hold NULL (strata creates them NOT NULL). */
    abstract List<String> allowNulls();

    abstract String tableListQuery();

    @BeforeEach
    void freshDatabase() throws IOException {
        url = newDatabaseUrl(project);
        Files.createDirectories(project.resolve("migrations"));
    }

    Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    void write(String file, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(file), sql);
    }

    List<String> historyVersions() {
        return Jdbc.query(url, "SELECT version FROM strata_history ORDER BY version").stream()
                .map(row -> row.get(0))
                .toList();
    }

    List<String> tables() {
        return Jdbc.query(url, tableListQuery()).stream().map(row -> row.get(0)).toList();
    }

    @Test
    void aMigrationThatDeletesAnotherMigrationsRowIsRolledBackWhole() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        strata().migrate();
        write(
                "0002_b.sql",
                "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
                        + "-- strata:allow history-write the attack under test\nDELETE FROM strata_history WHERE version = '0001';");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageStartingWith("migrations/0002_b.sql: its statements wrote strata's history table")
                .hasMessageContaining("rolled back");

        assertThat(historyVersions()).containsExactly("0001");
        assertThat(tables()).doesNotContain("b");
    }

    /**
     * The same write by the third migration of one run: the migrations before it, each in its own
     * transaction, stay applied, and the check still catches it.
     */
    @Test
    void aWriteByALaterMigrationOfTheRunIsRolledBackAndTheEarlierOnesStay() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        write(
                "0003_c.sql",
                "CREATE TABLE c (id INTEGER PRIMARY KEY);\n"
                        + "-- strata:allow history-write the attack under test\nDELETE FROM strata_history WHERE version = '0001';");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageStartingWith("migrations/0003_c.sql: its statements wrote strata's history table");

        assertThat(historyVersions()).containsExactly("0001", "0002");
        assertThat(tables()).contains("a", "b").doesNotContain("c");
    }

    @Test
    void aMigrationThatEditsAColumnOrTheFormatIsRolledBack() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        strata().migrate();
        write(
                "0002_b.sql",
                "-- strata:allow history-write the attack under test\n"
                        + "UPDATE strata_history SET checksum = 'x' WHERE version = '0001';");
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageContaining("its statements wrote strata's history table");

        write(
                "0002_b.sql",
                "-- strata:allow history-write the attack under test\n"
                        + "UPDATE strata_history_meta SET format_version = 99;");
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageContaining("its statements wrote strata's history table");
        assertThat(Jdbc.query(url, "SELECT format_version FROM strata_history_meta"))
                .containsExactly(List.of("1"));
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        assertThat(strata().migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("0002");
    }

    @Test
    void aDownScriptThatDeletesAnotherRowIsRolledBack() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.up.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        write(
                "0002_b.down.sql",
                "-- strata:allow drop-table the test drops what it made\nDROP TABLE b;\n"
                        + "-- strata:allow history-write the attack under test\nDELETE FROM strata_history WHERE version = '0001';");
        strata().migrate();

        assertThatThrownBy(() -> strata().down(DownRequest.steps(1)))
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageContaining("its statements wrote strata's history table");

        assertThat(historyVersions()).containsExactly("0001", "0002");
        assertThat(tables()).contains("b");
    }

    @Test
    void aNoTransactionMigrationThatDropsTheHistoryStopsTheRunAndTheNextRunRefuses() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write(
                "0002_b.sql",
                "-- strata:no-transaction\n-- strata:allow drop-table the attack under test\n"
                        + "-- strata:allow history-write the attack under test\n"
                        + "DROP TABLE strata_history;\n");
        write("0003_c.sql", "CREATE TABLE c (id INTEGER PRIMARY KEY);");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageContaining("0002_b.sql: its statements")
                .hasMessageContaining("strata can't undo");
        assertThat(tables()).doesNotContain("c");

        // The history is gone but its format table is not: the database is not new, and nothing reruns.
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is gone, but its format table")
                .hasMessageContaining("the history was lost");
        assertThatThrownBy(() -> strata().status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("the history was lost");
        assertThat(tables()).doesNotContain("c");
    }

    @Test
    void aHistoryDroppedByHandIsRefusedInsteadOfRerunFromTheFirstMigration() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        strata().migrate();
        Jdbc.execute(url, "DROP TABLE strata_history");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("the history was lost")
                .hasMessageContaining("strata baseline --version V");
    }

    @Test
    void everyColumnEditedToNullGetsOneClearMessage() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        strata().migrate();
        for (String statement : allowNulls()) {
            Jdbc.execute(url, statement);
        }
        for (String column :
                List.of("name", "checksum", "applied_at", "applied_by", "execution_ms", "success", "installed_rank")) {
            String before = Jdbc.query(url, "SELECT " + column + " FROM strata_history")
                    .get(0)
                    .get(0);
            Jdbc.execute(url, "UPDATE strata_history SET " + column + " = NULL");
            assertThatThrownBy(() -> strata().status())
                    .as(column)
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("the row of version '0001' has NULL in " + column)
                    .hasMessageContaining("was it edited by hand?");
            Jdbc.execute(url, "UPDATE strata_history SET " + column + " = '" + before + "'");
            assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
        }
        Jdbc.execute(url, "UPDATE strata_history SET version = NULL");
        assertThatThrownBy(() -> strata().status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("a row has no version (NULL)");
    }

    @Test
    void duplicateRanksAnEmptyFormatAndAFutureFormatAreRefusedClearly() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        strata().migrate();

        Jdbc.execute(url, "UPDATE strata_history SET installed_rank = 7");
        assertThatThrownBy(() -> strata().status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("share installed_rank 7");
        Jdbc.execute(url, "UPDATE strata_history SET installed_rank = CAST(version AS INTEGER)");

        Jdbc.execute(url, "DELETE FROM strata_history_meta");
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("holds no format version");
        Jdbc.execute(url, "INSERT INTO strata_history_meta (format_version) VALUES (2)");
        assertThatThrownBy(() -> strata().status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("written by a newer strata (history format 2)");
        Jdbc.execute(url, "UPDATE strata_history_meta SET format_version = 1");
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(2);
    }
}
