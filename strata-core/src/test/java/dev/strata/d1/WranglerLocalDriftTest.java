package dev.strata.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.inspect.DriftReport;
import dev.strata.inspect.HealthReport;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drift and check on a local D1 database that the real wrangler made: wrangler's own tables
 * (_cf_KV, _cf_METADATA, d1_migrations) are not user schema, and an FTS5 table is.
 */
@Tag("full") // left out of the quick loop (-Dquick); see the root pom
class WranglerLocalDriftTest {

    @TempDir
    Path project;

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url("d1-local:DB")
                .environmentVariables(Map.of())
                .load();
    }

    @Test
    void wranglersOwnTablesAreNoDriftButADroppedSearchTableIs() throws Exception {
        Wrangler.executable();
        write("wrangler.toml", """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "4e1c2d6a-0000-4000-8000-000000000002"
                """);
        write("migrations/0001_create_notes.sql", """
                CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
                CREATE VIRTUAL TABLE notes_search USING fts5(body, content='notes', content_rowid='id');
                CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
                    INSERT INTO notes_search (rowid, body) VALUES (new.id, new.body);
                END;
                """);
        Wrangler.Run applied = Wrangler.run(project, "d1", "migrations", "apply", "DB", "--local");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        String url = "sqlite:" + strata().config().url().sqliteFile().orElseThrow();
        assertThat(Jdbc.query(url, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                .extracting(row -> row.get(0))
                .as("wrangler keeps its own tables in the database")
                .contains("_cf_METADATA", "d1_migrations", "notes", "notes_search");

        strata().adopt(Optional.empty(), false);
        Schema schema = strata().dump(false).schema();
        DriftReport drift = strata().drift();

        assertThat(schema.tables())
                .extracting(Table::name)
                .extracting(name -> name.name())
                .containsExactly("notes");
        assertThat(drift.differences()).as(String.valueOf(drift.differences())).isEmpty();
        assertThat(drift.notCompared()).isEmpty();

        Jdbc.execute(url, "DROP TABLE notes_search");
        DriftReport dropped = strata().drift();
        HealthReport check = strata().check();

        assertThat(dropped.differences())
                .extracting(DriftReport::describe)
                .containsExactly("missing virtual table notes_search (using fts5)");
        assertThat(check.problems())
                .extracting(HealthReport.Problem::message)
                .singleElement()
                .asString()
                .startsWith("virtual table notes_search is missing (created by 0001_create_notes)");
    }
}
