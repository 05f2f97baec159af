package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed examples/multi-env, deployed dev, staging, prod through the command line. */
class MultiEnvExampleTest {

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void aReleaseGoesThroughStagingBeforeProd() throws IOException {
        Path example = Path.of("..", "examples", "multi-env");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".db") || file.toString().contains("backups")) {
                    continue;
                }
                Path copy = project.resolve(example.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }

        assertThat(strata("migrate").exitCode()).isZero();
        assertThat(strata("seed").exitCode()).isZero();
        assertThat(strata("seed").exitCode()).isZero();
        assertThat(Jdbc.count("sqlite:" + project.resolve("dev.db"), "SELECT count(*) FROM users"))
                .isEqualTo(2);
        assertThat(strata("--env", "staging", "migrate", "--target", "0002").exitCode())
                .isZero();

        CliRun early = strata("--env", "prod", "migrate", "--yes");
        assertThat(early.exitCode()).isEqualTo(1);
        assertThat(early.err()).contains("0003_file_indexes.sql: not applied on staging yet");
        CliRun matrix = strata("status", "--all-envs");
        assertThat(matrix.exitCode()).isZero();
        assertThat(matrix.out()).containsPattern("0003 +file_indexes +applied +pending +pending");

        assertThat(strata("--env", "staging", "migrate").exitCode()).isZero();
        assertThat(strata("--env", "prod", "migrate").exitCode())
                .as("no terminal, no --yes")
                .isEqualTo(2);
        CliRun prod = strata("--env", "prod", "migrate", "--yes");
        assertThat(prod.exitCode()).as(prod.all()).isZero();
        assertThat(strata("--env", "prod", "seed").err()).contains("environment 'prod' lists no seeds");
        assertThat(Jdbc.count("sqlite:" + project.resolve("prod.db"), "SELECT count(*) FROM users"))
                .isZero();

        Files.writeString(project.resolve("migrations/0004_user_plan.sql"), "ALTER TABLE users ADD COLUMN plan TEXT;");
        assertThat(strata("--env", "staging", "migrate").exitCode()).isZero();
        CliRun withBackup = strata("--env", "prod", "migrate", "--yes");
        assertThat(withBackup.exitCode()).as(withBackup.all()).isZero();
        assertThat(withBackup.err()).containsPattern("Backed up to .*backups/prod-.*\\.sqlite before migrating");
        try (Stream<Path> backups = Files.list(project.resolve("backups"))) {
            assertThat(backups).hasSize(1);
        }
    }
}
