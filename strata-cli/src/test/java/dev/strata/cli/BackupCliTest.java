package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.Postgres15Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code strata backup} and {@code strata restore} through the command line, on both engines. */
class BackupCliTest {

    private static final String PASSWORD = "cli-b4ckup-secret";

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();
    String url;

    @BeforeEach
    void migrations() throws IOException {
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER);");
    }

    /** The environment 'prod' on the engine; for PostgreSQL with a password in its URL. */
    private void prod(String engine) throws IOException {
        url = engine.equals("sqlite") ? "sqlite:" + project.resolve("prod.db") : Postgres15Server.newDatabaseUrl();
        env.put(
                "PROD_URL",
                engine.equals("sqlite")
                        ? url
                        : url.replace("postgres://postgres@", "postgres://postgres:" + PASSWORD + "@"));
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "${env.PROD_URL}"
                keep = 1
                """);
        assertThat(strata("--env", "prod", "migrate").exitCode()).isZero();
        Jdbc.execute(url, "INSERT INTO users VALUES (1)");
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, env, args);
    }

    private Path onlyBackup() throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            return files.reduce((a, b) -> {
                        throw new AssertionError("more than one backup: " + a + ", " + b);
                    })
                    .orElseThrow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void backupPruneRefuseAndForcedRestore(String engine) throws IOException {
        prod(engine);

        CliRun first = strata("--env", "prod", "backup");
        CliRun second = strata("--env", "prod", "backup");
        Jdbc.execute(url, "INSERT INTO users VALUES (2)");
        Path backup = onlyBackup();
        CliRun refused = strata("--env", "prod", "restore", backup.toString());
        CliRun forced = strata("--env", "prod", "restore", backup.toString(), "--force");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out())
                .startsWith("Backed up ")
                .contains(project.resolve("backups").toString());
        assertThat(second.err()).contains("deleted the old backup");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("is not empty").contains("restore with --force");
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("Restored " + backup.getFileName()).contains("replacing what it held");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
        for (CliRun run : new CliRun[] {first, second, refused, forced}) {
            assertThat(run.all()).doesNotContain(PASSWORD).doesNotContain("Exception");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aFileThatIsNotABackupExitsOneAndChangesNothing(String engine) throws IOException {
        prod(engine);
        Files.writeString(project.resolve("notes.txt"), "not a backup\n".repeat(100));

        CliRun run = strata("--env", "prod", "restore", "notes.txt", "--force");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("notes.txt is not a ").doesNotContain(PASSWORD);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void anUnknownEnvironmentIsAConfigurationError(String engine) throws IOException {
        prod(engine);

        CliRun run = strata("--env", "prdo", "backup");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--env prdo: strata.toml defines no environment 'prdo'; defined: prod");
        assertThat(project.resolve("backups")).doesNotExist();
    }
}
