package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.Postgres15Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata rehearse} through the command line: text, --json, --report and the exit codes. */
class RehearseCliTest {

    private static final String PASSWORD = "rehearse-s3cret";

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void migrations() throws IOException {
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"),
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
                        + "INSERT INTO users (id, name) VALUES (1, 'ada'), (2, '42');\n");
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, env, args);
    }

    @Test
    void aPassingRehearsalReportsRowsWritesMarkdownAndLeavesTheMigrationPending() throws IOException {
        assertThat(strata("migrate").exitCode()).isZero();
        Files.writeString(
                project.resolve("migrations/0002_numbers.sql"),
                "CREATE TABLE numbers (id INTEGER PRIMARY KEY, n INTEGER);\n"
                        + "INSERT INTO numbers (id, n) SELECT id, 7 FROM users;\n");

        CliRun run = strata("rehearse", "--report", "rehearsal.md");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("0002_numbers", "rows: numbers (new) -> 2", "All 1 pending migration ran on the copy.");
        assertThat(Files.readString(project.resolve("rehearsal.md")))
                .contains("**Result:** every pending migration ran on the copy.", "numbers (new) -> 2");
        CliRun status = strata("status", "--json");
        assertThat(status.out()).contains("\"pending\"");
        assertThat(Jdbc.count(
                        "sqlite:" + project.resolve("strata.db"),
                        "SELECT count(*) FROM sqlite_master WHERE name = 'numbers'"))
                .isZero();
    }

    @Test
    void aFailureOnTheCopyExitsOneWithTheDatabasesMessageAndNeverShowsThePassword() throws IOException {
        String url = Postgres15Server.newDatabaseUrl();
        env.put("DATABASE_URL", url.replace("postgres://postgres@", "postgres://postgres:" + PASSWORD + "@"));
        assertThat(strata("migrate").exitCode()).isZero();
        Files.writeString(
                project.resolve("migrations/0002_numbers.sql"),
                "ALTER TABLE users ADD COLUMN n INTEGER;\nUPDATE users SET n = CAST(name AS INTEGER);\n");

        CliRun run = strata("rehearse", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out())
                .contains(
                        "\"succeeded\" : false",
                        "\"migration\" : \"0002_numbers\"",
                        "invalid input syntax for type integer")
                .doesNotContain(PASSWORD);
        assertThat(run.err()).doesNotContain(PASSWORD);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'n'"))
                .isZero();
    }
}
