package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.DatabaseException;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history guards on real SQLite files. */
class SqliteHistoryGuardTest extends HistoryGuardConformanceTest {

    @Override
    String newDatabaseUrl(Path folder) {
        return "sqlite:" + folder.resolve("test.db");
    }

    /** SQLite can't drop NOT NULL: the table is rebuilt without constraints, rows kept. */
    @Override
    List<String> allowNulls() {
        return List.of(
                "ALTER TABLE strata_history RENAME TO old_history",
                "CREATE TABLE strata_history (version TEXT, name TEXT, checksum TEXT, applied_at TEXT, applied_by TEXT,"
                        + " execution_ms INTEGER, success INTEGER, installed_rank INTEGER)",
                "INSERT INTO strata_history SELECT * FROM old_history",
                "DROP TABLE old_history");
    }

    @Override
    String tableListQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
    }

    /** SQLite keeps any value in any column: a success that is neither 1 nor 0 is not read as false. */
    @Test
    void aSuccessValueStrataNeverWritesIsRefused() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        strata().migrate();
        Jdbc.execute(url, "UPDATE strata_history SET success = 'yes'");
        assertThatThrownBy(() -> strata().status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("has success = 'yes'");
        Jdbc.execute(url, "UPDATE strata_history SET success = 1, execution_ms = -5");
        assertThatThrownBy(() -> strata().status())
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("negative execution_ms");
        Jdbc.execute(url, "UPDATE strata_history SET execution_ms = 5");
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(1);
    }
}
