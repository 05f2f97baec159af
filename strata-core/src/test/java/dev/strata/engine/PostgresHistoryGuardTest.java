package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.HistoryTamperedException;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history guards on a real PostgreSQL server. */
class PostgresHistoryGuardTest extends HistoryGuardConformanceTest {

    @Override
    String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Override
    List<String> allowNulls() {
        return List.of(
                "ALTER TABLE strata_history ALTER COLUMN name DROP NOT NULL, ALTER COLUMN checksum DROP NOT NULL,"
                        + " ALTER COLUMN applied_at DROP NOT NULL, ALTER COLUMN applied_by DROP NOT NULL,"
                        + " ALTER COLUMN execution_ms DROP NOT NULL, ALTER COLUMN success DROP NOT NULL,"
                        + " ALTER COLUMN installed_rank DROP NOT NULL",
                "ALTER TABLE strata_history DROP CONSTRAINT strata_history_pkey",
                "ALTER TABLE strata_history ALTER COLUMN version DROP NOT NULL");
    }

    /**
     * A column added to the history by a later migration of the run changes the table's shape, not
     * its rows: the check compares the column count too.
     */
    @Test
    void aColumnAddedToTheHistoryByALaterMigrationIsRolledBack() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write(
                "0002_b.sql",
                "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
                        + "-- strata:allow history-write the attack under test\n"
                        + "ALTER TABLE strata_history ADD COLUMN note TEXT;");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(HistoryTamperedException.class)
                .hasMessageStartingWith("migrations/0002_b.sql: its statements wrote strata's history table");

        assertThat(historyVersions()).containsExactly("0001");
        assertThat(tables()).contains("a").doesNotContain("b");
    }

    @Override
    String tableListQuery() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1";
    }
}
