package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The conformance suite on real SQLite files. */
class SqliteConformanceTest extends DialectConformanceTest {

    private Path file;

    @Override
    protected String newDatabaseUrl(Path folder) {
        file = folder.resolve("test.db");
        return "sqlite:" + file;
    }

    @Override
    protected String tableListQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
    }

    @Override
    protected AutoCloseable holdMigrationLock() throws Exception {
        java.sql.Connection writer = dev.strata.testing.Jdbc.connect(url);
        writer.createStatement().execute("BEGIN IMMEDIATE");
        return () -> {
            writer.createStatement().execute("ROLLBACK");
            writer.close();
        };
    }

    @Override
    protected String waitingFor() {
        return "another process is writing to SQLite database sqlite:" + file;
    }

    @Override
    protected void assertDatabaseEmpty() {
        assertThat(file).as("reading must not create the database file").doesNotExist();
    }

    @Test
    void vacuumRunsWhenTheFileSaysNoTransaction() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_vacuum.sql", "-- strata:no-transaction\nVACUUM;\n");

        strata().migrate();

        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(2);
    }

    @Test
    void vacuumWithoutTheDirectiveIsRefusedWithItsLine() throws IOException {
        write("0001_vacuum.sql", "-- tidy up\nVACUUM;\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0001_vacuum.sql:2")
                .hasMessageContaining("strata:no-transaction");
        assertThat(file).as("a refused run leaves no database behind").doesNotExist();
    }

    /**
     * A writer that dies mid-transaction leaves a hot journal; a read-only session can't roll it back
     * (SQLITE_READONLY_ROLLBACK), so status and the planning step of migrate used to fail until
     * something else opened the file read-write. The crash is made by copying the file and its journal
     * while a transaction that has spilled pages to the file is still open.
     */
    @Test
    void aJournalLeftByADeadWriterIsRolledBackByTheNextRun() throws Exception {
        write("0001_a.sql", "CREATE TABLE a (n INTEGER NOT NULL);");
        strata().migrate();
        Path crashed = file.resolveSibling("crashed.db");
        try (java.sql.Connection writer = dev.strata.testing.Jdbc.connect(url);
             java.sql.Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA cache_size = 1");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO a (n) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                    + " WHERE x < 20000) SELECT x FROM c");
            java.nio.file.Files.copy(file, crashed);
            java.nio.file.Files.copy(file.resolveSibling("test.db-journal"), crashed.resolveSibling("crashed.db-journal"));
            statement.execute("ROLLBACK");
        }
        assertThat(crashed.resolveSibling("crashed.db-journal")).isNotEmptyFile();
        url = "sqlite:" + crashed;

        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
        assertThat(dev.strata.testing.Jdbc.count(url, "SELECT COUNT(*) FROM a")).isZero();
    }
}
