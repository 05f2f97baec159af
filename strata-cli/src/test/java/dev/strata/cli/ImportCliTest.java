package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata import} as a user meets it. */
class ImportCliTest {

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void importWritesTheBaselineSaysWhatItLeftOutAndTheResultLintsClean() throws IOException {
        Files.writeString(project.resolve("schema_v2.sql"), """
                DROP TABLE IF EXISTS notes;
                CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
                CREATE INDEX ix_notes_body ON notes (body);
                """);

        CliRun run = strata("import", "schema_v2.sql");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Created migrations/0000_initial_schema.sql");
        assertThat(run.err()).contains("schema_v2.sql:1: left out DROP TABLE IF EXISTS notes");
        assertThat(Files.readString(project.resolve("migrations/0000_initial_schema.sql")))
                .contains("CREATE TABLE IF NOT EXISTS notes")
                .contains("CREATE INDEX IF NOT EXISTS ix_notes_body");
        assertThat(strata("lint").out()).contains("no findings");

        CliRun again = strata("import", "schema_v2.sql");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("0000_initial_schema.sql already has it; nothing was written");
    }

    @Test
    void splitAndOutWriteSeveralFilesElsewhere() throws IOException {
        Files.writeString(project.resolve("schema.sql"), """
                CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
                CREATE INDEX ix_notes_body ON notes (body);
                CREATE VIEW short_notes AS SELECT * FROM notes WHERE length(body) < 10;
                """);

        CliRun run = strata("import", "schema.sql", "--split", "--out", "db/migrations");

        assertThat(run.out())
                .contains(
                        "Created db/migrations/0000_initial_tables.sql",
                        "Created db/migrations/0001_initial_indexes.sql",
                        "Created db/migrations/0002_initial_triggers_and_views.sql");
        assertThat(strata("import", "missing.sql").exitCode()).isEqualTo(2);
        assertThat(strata("import", "--help").out()).contains("--split").contains("IF NOT EXISTS");
    }
}
