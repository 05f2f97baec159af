package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata baseline} as a user meets it, on a real SQLite file. */
class BaselineCliTest {

    @TempDir
    Path project;

    private String url;

    @BeforeEach
    void existingDatabase() throws IOException {
        url = "sqlite:" + project.resolve("app.db");
        Jdbc.execute(url, "CREATE TABLE a (id INT)");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_a.sql"), "CREATE TABLE a (id INT);");
        Files.writeString(project.resolve("migrations/0002_b.sql"), "CREATE TABLE b (id INT);");
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void withoutATerminalItAsksForYesAndRecordsNothing() {
        CliRun run = strata("--url", url, "baseline", "--version", "0001");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("Record 1 migration (0001_a) as applied on SQLite database " + url + " without running them?")
                .contains("pass --yes to confirm");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'strata_history'"))
                .isZero();
    }

    @Test
    void withYesItRecordsAndMigrateGoesOn() {
        CliRun run = strata("--url", url, "baseline", "--version", "0001", "--yes");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Recorded 0001_a as applied (not run).")
                .contains("Baseline 0001 set on SQLite database " + url + ": 1 migration recorded");
        CliRun migrate = strata("--url", url, "migrate");
        assertThat(migrate.exitCode()).isZero();
        assertThat(migrate.out()).contains("Applied 1 migration");
        assertThat(strata("--url", url, "baseline", "--version", "0002", "--yes")
                        .out())
                .contains("Nothing to record");
    }

    @Test
    void refusalAboveTheVersionExitsOne() {
        strata("--url", url, "baseline", "--version", "0002", "--yes");

        CliRun run = strata("--url", url, "baseline", "--version", "0001", "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("0002_b is already recorded as applied, above 0001");
    }

    @Test
    void helpTeachesAndVersionIsRequired() {
        CliRun help = strata("baseline", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--version=V").contains("strata baseline --version 0003 --yes");

        CliRun missing = strata("baseline");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--version=V'");
    }
}
