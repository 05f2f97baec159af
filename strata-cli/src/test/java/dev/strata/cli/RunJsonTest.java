package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} documents of the commands that change a database, as the README documents them:
 * parsed, not matched as text. Errors stay on stderr with the documented exit codes, stdout empty.
 */
class RunJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void projectWithABackedUpEnvironment() throws IOException {
        env.put("PROD_URL", "sqlite:" + project.resolve("prod.db"));
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "${env.PROD_URL}"
                backup = "before-migrate"
                seeds = ["users.sql"]
                """);
        write("migrations/0001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
        write("migrations/0001_users.down.sql", "DROP TABLE users;\n");
        write("migrations/0002_notes.up.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        write("migrations/0002_notes.down.sql", "DROP TABLE notes;\n");
        write(
                "seeds/users.sql",
                "INSERT INTO users (id, name) VALUES (1, 'ada') ON CONFLICT DO NOTHING;\n"
                        + "INSERT INTO users (id, name) VALUES (2, 'bob') ON CONFLICT DO NOTHING;\n");
    }

    private void write(String relative, String text) throws IOException {
        Files.createDirectories(project.resolve(relative).getParent());
        Files.writeString(project.resolve(relative), text);
    }

    private JsonNode json(int exitCode, String... args) throws IOException {
        CliRun run = CliRun.run(project, env, args);
        assertThat(run.exitCode()).as(run.all()).isEqualTo(exitCode);
        return JSON.readTree(run.out());
    }

    private void succeeds(String... args) {
        CliRun run = CliRun.run(project, env, args);
        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    @Test
    void migrateSaysWhatItAppliedHowLongAndWhichBackupItTook() throws IOException {
        succeeds("--env", "prod", "migrate", "--target", "0001");

        JsonNode run = json(0, "--env", "prod", "migrate", "--json");

        assertThat(run.get("dry_run").asBoolean()).isFalse();
        assertThat(run.get("applied").findValuesAsText("version")).containsExactly("0002");
        assertThat(run.at("/applied/0/name").asText()).isEqualTo("notes");
        assertThat(run.at("/applied/0/execution_ms").isIntegralNumber()).isTrue();
        assertThat(run.get("skipped")).isEmpty();
        assertThat(run.get("backup").asText()).startsWith("backups/");
        assertThat(project.resolve(run.get("backup").asText())).isRegularFile();
        assertThat(run.get("duration_ms").asLong()).isNotNegative();
        assertThat(run.get("planned").findValuesAsText("version")).containsExactly("0002");
        assertThat(run.get("findings")).isEmpty();
        assertThat(run.get("refusal").isNull()).isTrue();

        JsonNode nothing = json(0, "--env", "prod", "migrate", "--json");
        assertThat(nothing.get("applied")).isEmpty();
        assertThat(nothing.get("backup").isNull())
                .as("nothing changed, so no backup")
                .isTrue();
    }

    @Test
    void downSeedAndBaselineSayWhatTheyDid() throws IOException {
        succeeds("--env", "prod", "migrate");

        JsonNode seed = json(0, "--env", "prod", "seed", "--json");
        assertThat(seed.get("environment").asText()).isEqualTo("prod");
        assertThat(seed.get("files").get(0).asText()).isEqualTo("seeds/users.sql");
        assertThat(seed.get("statements").asInt()).isEqualTo(2);
        assertThat(seed.get("duration_ms").asLong()).isNotNegative();

        JsonNode down = json(0, "--env", "prod", "down", "--all", "--json");
        assertThat(down.get("reverted").findValuesAsText("version")).containsExactly("0002", "0001");
        assertThat(down.get("database").asText()).contains("prod.db");
        assertThat(down.get("duration_ms").asLong()).isNotNegative();

        Jdbc.execute(env.get("PROD_URL"), "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        JsonNode baseline = json(0, "--env", "prod", "baseline", "--version", "0001", "--yes", "--json");
        assertThat(baseline.get("version").asText()).isEqualTo("0001");
        assertThat(baseline.get("recorded").findValuesAsText("version")).containsExactly("0001");
        JsonNode again = json(0, "--env", "prod", "baseline", "--version", "0001", "--yes", "--json");
        assertThat(again.get("recorded")).isEmpty();
    }

    @Test
    void repairListsTheRecordsItCleared() throws IOException {
        write(
                "migrations/0003_half.up.sql",
                "-- strata:no-transaction\nCREATE TABLE half (id INTEGER);\n"
                        + "INSERT INTO no_such_table VALUES (1);\n");
        CliRun failed = CliRun.run(project, env, "--env", "prod", "migrate");
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);

        JsonNode repair = json(0, "--env", "prod", "repair", "--json");

        assertThat(repair.get("cleared").findValuesAsText("version")).containsExactly("0003");
        assertThat(repair.get("leftovers").isArray()).isTrue();
        assertThat(json(0, "--env", "prod", "repair", "--json").get("cleared")).isEmpty();
    }

    @Test
    void anErrorUnderJsonIsTheUsualMessageOnStderrWithTheDocumentedExitCode() throws IOException {
        CliRun usage = CliRun.run(project, env, "--env", "nope", "migrate", "--json");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).contains("strata: ").doesNotContain("\tat ");

        write("migrations/0003_bad.up.sql", "CREATE TABLE broken (id INTEGER;\n");
        CliRun failed = CliRun.run(project, env, "--env", "prod", "migrate", "--json");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.err()).contains("0003_bad");
    }
}
