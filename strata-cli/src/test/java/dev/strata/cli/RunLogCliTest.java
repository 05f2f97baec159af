package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata log} reads the run log back; {@code strata reset} asks, refuses and re-applies. */
class RunLogCliTest {

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    private void project() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"),
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users VALUES (1, 'root');\n");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"

                [environments.prod]
                url = "sqlite:prod.db"
                protected = true
                """);
    }

    @Test
    void logShowsTheRunsAndFiltersByEnvironment() throws IOException {
        project();
        assertThat(strata("--env", "dev", "migrate").exitCode()).isZero();
        assertThat(strata("--env", "prod", "migrate").exitCode()).isZero();

        CliRun all = strata("log");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("COMMAND", "dev", "prod", "migrate", "succeeded", "0001");

        CliRun prod = strata("log", "--env", "prod");
        assertThat(prod.out()).contains("prod").doesNotContain(" dev ");
        assertThat(prod.out().lines().count()).isEqualTo(2);

        CliRun json = strata("log", "--json", "--limit", "1");
        assertThat(json.out().replaceAll("\\s", ""))
                .startsWith("[{\"at\":")
                .contains("\"environment\":\"prod\"", "\"command\":\"migrate\"")
                .doesNotContain("\"environment\":\"dev\"");
    }

    @Test
    void resetAsksRefusesWithoutATerminalAndRefusesProtectedEnvironments() throws IOException {
        project();
        assertThat(strata("--env", "dev", "migrate").exitCode()).isZero();

        CliRun noTerminal = strata("--env", "dev", "reset");
        assertThat(noTerminal.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTerminal.err()).contains("table users", "no terminal", "--yes");

        CliRun dryRun = strata("--env", "dev", "reset", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.err()).contains("reset would drop", "table strata_history");

        CliRun reset = strata("--env", "dev", "reset", "--yes");
        assertThat(reset.exitCode()).isZero();
        assertThat(reset.out()).contains("applied 1 migration");
        assertThat(strata("log").out()).contains("reset");

        CliRun prod = strata("--env", "prod", "reset", "--yes");
        assertThat(prod.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(prod.err()).contains("protected = true");
    }
}
