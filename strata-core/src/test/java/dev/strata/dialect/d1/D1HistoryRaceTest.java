package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.D1Address;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.source.Migration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The D1 history guard, with the race made deterministic: while run B is about to send 0002, run A
 * applies it. B's request then fails on the history key, its first statement, before any of 0002's
 * statements runs (0002 creates a table, which would fail with "already exists" if it ran first);
 * B re-reads the history and reports 0002 as applied by another run, or refuses when A's 0002 came
 * from a different file.
 */
class D1HistoryRaceTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("raced");

    @TempDir
    Path b;

    @TempDir
    Path a;

    private static void project(Path dir, String second) throws IOException {
        Files.writeString(
                dir.resolve("wrangler.toml"),
                "name = \"app\"\n\n[[d1_databases]]\nbinding = \"DB\"\n" + "database_name = \"raced\"\ndatabase_id = \""
                        + D1.database("raced").id() + "\"\n");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("0001_log.sql"), "CREATE TABLE log (note TEXT NOT NULL);\n");
        Files.writeString(migrations.resolve("0002_second.sql"), second);
    }

    private static Strata strata(Path dir, MigrationListener listener) {
        return Strata.configure()
                .projectDir(dir)
                .url("d1:DB")
                .environmentVariables(D1.environment())
                .listener(listener)
                .load();
    }

    /** Run B, which lets run A (from folder {@code other}) migrate just before B sends 0002. */
    private Strata raced(Path other, List<String> events) {
        return strata(b, new MigrationListener() {
            @Override
            public void applying(Migration migration) {
                events.add("applying " + migration.label());
                if (migration.version().text().equals("0002")) {
                    strata(other, MigrationListener.SILENT).migrate();
                    events.add("A applied 0002");
                }
            }

            @Override
            public void skipped(Migration migration) {
                events.add("skipped " + migration.label());
            }
        });
    }

    private static String scalar(String sql) {
        D1Client client = new D1Client(
                new D1Address(
                        D1.baseUrl(), D1.accountId(), D1.database("raced").id(), "d1_migrations", Optional.empty()),
                D1.apiToken(),
                "test");
        return client.run(D1Statement.of(sql)).get(0).text(0, 0);
    }

    @Test
    void theSecondRunFailsOnTheHistoryKeyAndReportsTheMigrationAsAppliedByAnother() throws IOException {
        String second = "CREATE TABLE second (id INTEGER PRIMARY KEY);\nINSERT INTO log (note) VALUES ('0002 ran');\n";
        project(b, second);
        project(a, second);
        List<String> events = new ArrayList<>();

        MigrateResult result = raced(a, events).migrate();

        assertThat(events)
                .containsExactly("applying 0001_log", "applying 0002_second", "A applied 0002", "skipped 0002_second");
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM log WHERE note = '0002 ran'"))
                .as("0002 ran once")
                .isEqualTo("1");
        assertThat(scalar("SELECT count(*) FROM strata_history WHERE version = '0002'"))
                .isEqualTo("1");
    }

    @Test
    void whenTheOtherRunsFileDiffersTheHistoryIsReReadAndTheRunRefuses() throws IOException {
        project(b, "CREATE TABLE second (id INTEGER PRIMARY KEY);\n");
        project(a, "CREATE TABLE second (id INTEGER PRIMARY KEY, other TEXT);\n");

        assertThatThrownBy(() -> raced(a, new ArrayList<>()).migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("0002_second was recorded by another process from a file that differs from"
                        + " migrations/0002_second.sql");
        assertThat(scalar("SELECT sql FROM sqlite_master WHERE name = 'second'"))
                .as("A's 0002 stays, B's never ran")
                .contains("other TEXT");
    }
}
