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
}
