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
    void vacuumBesideOtherStatementsWithoutTheDirectiveIsRefusedWithItsLine() throws IOException {
        write("0001_vacuum.sql", "-- tidy up\nVACUUM;\nCREATE TABLE a (id INTEGER);\n");

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
            java.nio.file.Files.copy(
                    file.resolveSibling("test.db-journal"), crashed.resolveSibling("crashed.db-journal"));
            statement.execute("ROLLBACK");
        }
        assertThat(crashed.resolveSibling("crashed.db-journal")).isNotEmptyFile();
        url = "sqlite:" + crashed;

        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
        assertThat(dev.strata.testing.Jdbc.count(url, "SELECT COUNT(*) FROM a")).isZero();
    }

    // ---- -- strata:foreign-keys off --------------------------------------------------------------

    private static final String PARENT_AND_CASCADING_CHILD = """
            CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT);
            CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);
            INSERT INTO p VALUES (1, 'a'), (2, 'b');
            INSERT INTO c VALUES (10, 1), (11, 2);
            """;

    private static final String REBUILD_P = """
            CREATE TABLE p_new (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
            INSERT INTO p_new (id, v) SELECT id, v FROM p%s;
            DROP TABLE p;
            ALTER TABLE p_new RENAME TO p;
            """;

    /** The same session settings as a user who turns foreign keys on in the URL. */
    private dev.strata.Strata strataWithForeignKeys() {
        return dev.strata.Strata.configure()
                .projectDir(project)
                .url(url + "?foreign_keys=on")
                .environmentVariables(java.util.Map.of())
                .load();
    }

    @Test
    void foreignKeysOffLetsARebuildKeepTheRowsOfCascadingChildren() throws IOException {
        write("0001_tables.sql", PARENT_AND_CASCADING_CHILD);
        write("0002_rebuild.sql", "-- strata:foreign-keys off\n" + REBUILD_P.formatted(""));

        strataWithForeignKeys().migrate();

        assertThat(dev.strata.testing.Jdbc.count(url, "SELECT COUNT(*) FROM c")).isEqualTo(2);
        assertThat(dev.strata.testing.Jdbc.query(url, "SELECT sql FROM sqlite_master WHERE name = 'p'")
                        .get(0)
                        .get(0))
                .contains("v TEXT NOT NULL");
    }

    @Test
    void withoutTheDirectiveTheSameRebuildDeletesTheChildrenThroughTheCascade() throws IOException {
        write("0001_tables.sql", PARENT_AND_CASCADING_CHILD);
        write(
                "0002_rebuild.sql",
                "-- strata:allow-file rebuild-with-cascade-children this test shows the loss\n"
                        + "PRAGMA foreign_keys = OFF;\n" + REBUILD_P.formatted(""));

        strataWithForeignKeys().migrate();

        assertThat(dev.strata.testing.Jdbc.count(url, "SELECT COUNT(*) FROM c"))
                .as("PRAGMA foreign_keys inside the migration's transaction does nothing")
                .isZero();
    }

    @Test
    void foreignKeysOffChecksEveryKeyBeforeCommitAndRollsBackOrphans() throws IOException {
        write("0001_tables.sql", PARENT_AND_CASCADING_CHILD);
        write("0002_rebuild.sql", "-- strata:foreign-keys off\n" + REBUILD_P.formatted(" WHERE id <> 1"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> strataWithForeignKeys().migrate())
                .isInstanceOf(dev.strata.dialect.VerificationFailedException.class)
                .hasMessageContaining("0002_rebuild.sql:1: verification failed: the foreign-key check")
                .hasMessageContaining("table = c, rowid = 10, parent = p")
                .hasMessageContaining("rolled back");

        assertThat(dev.strata.testing.Jdbc.count(url, "SELECT COUNT(*) FROM p")).isEqualTo(2);
        assertThat(dev.strata.testing.Jdbc.count(url, "SELECT COUNT(*) FROM c")).isEqualTo(2);
    }

    @Test
    void foreignKeysTakesOnlyOffInTheHeader() throws IOException {
        write(
                "0001_a.sql",
                "-- strata:foreign-keys on\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n"
                        + "-- strata:foreign-keys off\nCREATE TABLE b (id INTEGER PRIMARY KEY);\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> strata().migrate())
                .hasMessageContaining("0001_a.sql:1: '-- strata:foreign-keys' takes one word, off (found 'on')")
                .hasMessageContaining("0001_a.sql:3: '-- strata:foreign-keys off' must stand before the first");
        assertThat(file).doesNotExist();
    }
}
