package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.MigrationListener;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table rebuild on remote D1 is warned about against D1's 30-second query limit when the table
 * holds many rows, counted on the database itself (through the test endpoint, on real local D1)
 * while the run is planned, before the rebuild is sent.
 */
class D1LongRebuildTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("big");

    @TempDir
    Path project;

    /** What the run reported, in order: warnings as "lint RULE: MESSAGE", then "applying VERSION". */
    private final List<String> events = new ArrayList<>();

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url("d1:DB")
                .environmentVariables(D1.environment())
                .listener(new MigrationListener() {
                    @Override
                    public void linted(Finding warning) {
                        events.add("lint " + warning.rule() + ": " + warning.message());
                    }

                    @Override
                    public void applying(Migration migration) {
                        events.add("applying " + migration.version().text());
                    }
                })
                .load();
    }

    private void project(int rows) throws IOException {
        Files.writeString(
                project.resolve("wrangler.toml"),
                "name = \"app\"\n\n[[d1_databases]]\nbinding = \"DB\"\n" + "database_name = \"big\"\ndatabase_id = \""
                        + D1.database("big").id() + "\"\n");
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                dir.resolve("0001_events.sql"),
                "CREATE TABLE events (id INTEGER PRIMARY KEY, amount TEXT);\n"
                        + "INSERT INTO events (id, amount) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i"
                        + " < " + rows + ") SELECT i, '1.5' FROM n;\n");
    }

    private void rebuild() throws IOException {
        Files.writeString(project.resolve("migrations/0002_amount_real.sql"), """
                CREATE TABLE events_new (id INTEGER PRIMARY KEY, amount REAL);
                INSERT INTO events_new (id, amount) SELECT id, CAST(amount AS REAL) FROM events;
                DROP TABLE events;
                ALTER TABLE events_new RENAME TO events;
                """);
    }

    @Test
    void aRebuildOfALargeTableIsWarnedAboutWithTheRowsCountedOnD1BeforeItIsSent() throws IOException {
        project(100_000);
        strata().migrate();
        rebuild();
        events.clear();

        strata().migrate();

        List<String> warnings = events.stream()
                .filter(e -> e.startsWith("lint d1-long-rebuild"))
                .toList();
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("rebuilding events copies every row in one query, and D1 stops a query after 30 seconds")
                .contains("events holds 100,000 rows here");
        assertThat(events.indexOf(warnings.get(0)))
                .as("warned while planning, before the rebuild is sent")
                .isLessThan(events.indexOf("applying 0002"));
    }

    @Test
    void aRebuildOfASmallTableIsNotWarnedAbout() throws IOException {
        project(500);
        strata().migrate();
        rebuild();
        events.clear();

        strata().migrate();

        assertThat(events).noneMatch(e -> e.startsWith("lint d1-long-rebuild")).contains("applying 0002");
    }
}
