package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callbacks folder as the command line shows it: status, status --json, lint, and a misnamed file. */
class CallbacksCliTest {

    @TempDir
    Path project;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(project.resolve("migrations/callbacks"));
        Files.writeString(project.resolve("migrations/0001_t.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        Files.writeString(
                project.resolve("migrations/callbacks/before-migrate.sql"),
                "CREATE TABLE IF NOT EXISTS runs (at TEXT);\n");
        Files.writeString(project.resolve("migrations/callbacks/after-each.sql"), "INSERT INTO runs VALUES ('x');\n");
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void statusListsTheCallbacksAfterTheMigrationsInTextAndJson() {
        assertThat(strata("--url", "sqlite:app.db", "migrate").exitCode()).isZero();

        CliRun text = strata("--url", "sqlite:app.db", "status");
        CliRun json = strata("--url", "sqlite:app.db", "status", "--json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .contains(
                        "1 applied",
                        "Callbacks (run by migrate, never recorded):",
                        "before-migrate  migrations/callbacks/before-migrate.sql",
                        "after-each      migrations/callbacks/after-each.sql");
        assertThat(json.out())
                .contains(
                        "\"callbacks\" : [ {",
                        "\"event\" : \"after-each\"",
                        "\"file\" : \"migrations/callbacks/after-each.sql\"");
    }

    @Test
    void lintReportsAnErrorInACallbackWithItsFileAndLine() throws IOException {
        Files.writeString(project.resolve("migrations/callbacks/after-migrate.sql"), "SELECT 1;\nDELETE FROM t;\n");

        CliRun run = strata("lint");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("migrations/callbacks/after-migrate.sql:2:1: error [delete-without-where]");
    }

    @Test
    void aMisnamedCallbackIsOneMessageAndExitOneWithNothingChanged() throws IOException {
        Files.writeString(project.resolve("migrations/callbacks/afterMigrate.sql"), "SELECT 1;\n");

        CliRun run = strata("--url", "sqlite:app.db", "migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("strata: migrations/callbacks/afterMigrate.sql: not a callback name")
                .doesNotContain("Exception");
        assertThat(project.resolve("app.db")).doesNotExist();
    }
}
