package dev.strata.runlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.engine.DownRequest;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run that changes a database appends its line to the run log, on real SQLite and PostgreSQL. */
class RunLogTest {

    @TempDir
    Path project;

    private Strata strata(String environment) {
        return Strata.configure()
                .projectDir(project)
                .environment(environment)
                .environmentVariables(Map.of(
                        "PG_URL",
                        "postgres://postgres:s3cret-pw@localhost:" + PostgresServer.port() + "/" + pgDatabase))
                .load();
    }

    private String pgDatabase = "postgres";

    private void project() throws IOException {
        MigrationFiles.write(
                project,
                "0001_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
                        + "INSERT INTO users (id, name) VALUES (1, 'root');\n");
        MigrationFiles.write(project, "0002_posts.up.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
        MigrationFiles.write(project, "0002_posts.down.sql", "DROP TABLE posts;\n");
        Files.createDirectories(project.resolve("seeds"));
        Files.writeString(project.resolve("seeds/users.sql"), "INSERT INTO users (id, name) VALUES (2, 'seeded');\n");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"
                seeds = ["users.sql"]

                [environments.other]
                url = "sqlite:other.db"

                [environments.pg]
                url = "${env.PG_URL}"
                """);
    }

    private List<RunEntry> lines() {
        return RunLog.read(project.resolve("strata-runs.log")).entries();
    }

    @Test
    void everyCommandThatChangesTheDatabaseWritesItsLine() throws IOException {
        project();
        Strata dev = strata("dev");
        dev.migrate();
        dev.down(DownRequest.steps(1));
        dev.migrate();
        dev.seed();
        Path backup = dev.backup(Optional.empty()).file();
        dev.restore(backup, true);
        dev.reset(false, false);
        strata("other").migrate();
        dev.migrate(); // nothing pending: nothing changed, no line

        List<RunEntry> lines = lines();
        assertThat(lines)
                .extracting(RunEntry::command)
                .containsExactly("migrate", "down", "migrate", "seed", "restore", "reset", "migrate");
        RunEntry first = lines.get(0);
        assertThat(first.outcome()).isEqualTo(RunEntry.SUCCEEDED);
        assertThat(first.environment()).contains("dev");
        assertThat(first.osUser()).isEqualTo(System.getProperty("user.name"));
        assertThat(first.host()).isNotBlank();
        assertThat(first.strataVersion()).isNotBlank().isNotEqualTo("unknown");
        assertThat(first.database()).contains("dev.db");
        assertThat(first.migrations())
                .extracting(RunStep::version, RunStep::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0001", "applied"),
                        org.assertj.core.groups.Tuple.tuple("0002", "applied"));
        assertThat(first.migrations().get(0).checksum()).hasSize(64);
        assertThat(lines.get(1).migrations())
                .extracting(RunStep::version, RunStep::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0002", "reverted"));
        assertThat(lines.get(3).files()).containsExactly("seeds/users.sql");
        assertThat(lines.get(4).files()).containsExactly(backup.toString());
        assertThat(lines.get(5).migrations()).extracting(RunStep::version).containsExactly("0001", "0002");
        assertThat(lines.get(6).environment()).contains("other");
        // One JSON object per line, and nothing else.
        assertThat(Files.readAllLines(project.resolve("strata-runs.log")))
                .hasSize(7)
                .allSatisfy(line -> assertThat(line).startsWith("{\"at\":\"").endsWith("}"));
    }

    @Test
    void aFailingMigrateWritesAFailedLineNamingTheMigration() throws IOException {
        project();
        MigrationFiles.write(project, "0003_broken.sql", "CREATE TABLE broken (id INTEGER;\n");
        assertThatThrownBy(() -> strata("dev").migrate()).isInstanceOf(dev.strata.StrataException.class);

        RunEntry line = lines().get(0);
        assertThat(line.outcome()).isEqualTo(RunEntry.FAILED);
        assertThat(line.message()).hasValueSatisfying(m -> assertThat(m).contains("0003"));
        assertThat(line.migrations())
                .extracting(RunStep::version, RunStep::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0001", "applied"),
                        org.assertj.core.groups.Tuple.tuple("0002", "applied"),
                        org.assertj.core.groups.Tuple.tuple("0003", "failed"));
    }

    @Test
    void onPostgresTheLineNamesTheDatabaseUserAndNeverThePassword() throws IOException {
        project();
        pgDatabase = PostgresServer.newDatabase();
        strata("pg").migrate();
        MigrationFiles.write(project, "0003_broken.sql", "CREATE TABLE broken (id integer REFERENCES nowhere(id));\n");
        assertThatThrownBy(() -> strata("pg").migrate()).isInstanceOf(dev.strata.StrataException.class);

        List<RunEntry> lines = lines();
        assertThat(lines).extracting(RunEntry::outcome).containsExactly(RunEntry.SUCCEEDED, RunEntry.FAILED);
        assertThat(lines.get(0).databaseUser()).isEqualTo("postgres");
        assertThat(lines.get(0).database()).contains("postgres://postgres:***@localhost");
        assertThat(lines.get(0).migrations()).hasSize(2);
        assertThat(Files.readString(project.resolve("strata-runs.log"))).doesNotContain("s3cret-pw");
    }

    @Test
    void logPathAndEnabledComeFromStrataToml() throws IOException {
        project();
        Files.createDirectories(project.resolve("var"));
        Files.writeString(
                project.resolve("strata.toml"),
                "[log]\npath = \"var/runs.jsonl\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        strata("dev").migrate();
        assertThat(RunLog.read(project.resolve("var/runs.jsonl")).entries()).hasSize(1);
        assertThat(project.resolve("strata-runs.log")).doesNotExist();

        Files.writeString(
                project.resolve("strata.toml"),
                Files.readString(project.resolve("strata.toml"))
                        .replace("path = \"var/runs.jsonl\"", "enabled = false"));
        strata("dev").down(DownRequest.steps(1));
        assertThat(RunLog.read(project.resolve("var/runs.jsonl")).entries()).hasSize(1);

        Files.writeString(
                project.resolve("strata.toml"),
                Files.readString(project.resolve("strata.toml"))
                        .replace("enabled = false", "path = \"missing/runs.log\""));
        assertThatThrownBy(() -> strata("dev"))
                .isInstanceOf(dev.strata.config.ConfigurationException.class)
                .hasMessageContaining("[log] path = \"missing/runs.log\"")
                .hasMessageContaining("does not exist");
    }

    @Test
    void linesAppendedByManyWritersAtOnceStayWhole() throws Exception {
        Path file = project.resolve("strata-runs.log");
        RunEntry entry = new RunEntry(
                java.time.Instant.now(),
                "u",
                "db",
                "h",
                Optional.of("dev"),
                "sqlite:x.db",
                "migrate",
                "0",
                RunEntry.SUCCEEDED,
                Optional.empty(),
                List.of(new RunStep("0001", "x".repeat(3000), "c", 1, RunStep.APPLIED)),
                List.of(),
                Optional.empty(),
                Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            writes.add(pool.submit(() -> {
                RunLog.append(file, entry);
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        RunLog.Contents contents = RunLog.read(file);
        assertThat(contents.unreadable()).isZero();
        assertThat(contents.entries()).hasSize(400);
    }
}
