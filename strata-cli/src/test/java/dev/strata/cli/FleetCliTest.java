package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --fleet} on the command line: the table, --json, exit codes, hidden passwords, schemas, refused combinations. */
class FleetCliTest {

    private static final String PASSWORD = "fl33t-s3cret";

    @TempDir
    Path project;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        Files.createDirectories(project.resolve("tenants"));
        for (String name : new String[] {"acme", "globex", "initech"}) {
            Files.createFile(project.resolve("tenants/" + name + ".db"));
        }
        Jdbc.execute("sqlite:" + project.resolve("tenants/globex.db"), "CREATE TABLE users (other TEXT)");
        Files.writeString(project.resolve("fleet.toml"), """
                [[target]]
                sqlite = "tenants/*.db"
                """);
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    @Test
    void migratePrintsOneTableAndExitsOneWhenATargetFailed() {
        CliRun run = strata("migrate", "--fleet", "fleet.toml", "--parallel", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("TARGET", "RESULT", "APPLIED", "PENDING", "FAILED", "TIME");
        assertThat(run.out()).containsPattern("sqlite:tenants/acme\\.db +ok +1 +0 +0 +\\d+ ms");
        assertThat(run.out()).containsPattern("sqlite:tenants/globex\\.db +failed +0 +1 +1 ");
        assertThat(run.out()).contains("sqlite:tenants/globex.db: failed: ");
        assertThat(run.out()).contains("3 targets: 2 ok, 1 failed, 0 not run. Summary in strata-fleet-last.json;");
        // Not a terminal: one plain line when each target starts and one when it ends.
        assertThat(run.err()).contains("start  sqlite:tenants/acme.db", "ok     sqlite:tenants/acme.db  applied 1");
        assertThat(run.err()).contains("FAILED sqlite:tenants/globex.db: ");
        assertThat(run.err()).doesNotContain("\u001b[");

        Jdbc.execute("sqlite:" + project.resolve("tenants/globex.db"), "DROP TABLE users");
        CliRun retry = strata("migrate", "--fleet", "fleet.toml", "--retry-failed", "--json");
        assertThat(retry.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode json = json(retry.out());
        assertThat(json.get("ran").asInt()).isEqualTo(1);
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("summary_file").asText()).isEqualTo("strata-fleet-last.json");
        assertThat(json.get("targets").get(1).get("applied").asInt()).isEqualTo(1);
        assertThat(retry.err())
                .contains("start  sqlite:tenants/globex.db")
                .doesNotContain("start  sqlite:tenants/acme.db");

        CliRun status = strata("status", "--fleet", "fleet.toml");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("sqlite:tenants/initech\\.db +ok +1 +0 +0 ");
    }

    @Test
    void failFastAndCanaryStopTheFleetFromTheCommandLine() {
        // In name order: acme (fine), globex (in the way), initech (fine).
        CliRun failFast = strata("migrate", "--fleet", "fleet.toml", "--parallel", "1", "--fail-fast");
        assertThat(failFast.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failFast.out()).containsPattern("sqlite:tenants/initech\\.db +not run +- +- +- +-");
        assertThat(failFast.out())
                .contains(
                        "sqlite:tenants/initech.db: not run: --fail-fast: stopped after sqlite:tenants/globex.db failed");
        assertThat(failFast.out()).contains("3 targets: 1 ok, 1 failed, 1 not run.");

        CliRun canary = strata("migrate", "--fleet", "fleet.toml", "--canary", "2", "--summary", "canary.json");
        assertThat(canary.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(canary.out())
                .contains("sqlite:tenants/initech.db: not run: canary sqlite:tenants/globex.db failed, so the fleet"
                        + " stopped");
        assertThat(Files.exists(project.resolve("canary.json"))).isTrue();
    }

    @Test
    void onATerminalEachRunningTargetHasALiveLineThatIsClearedAtTheEnd() {
        CliRun run =
                CliRun.run(java.util.Optional.of(prompt -> null), project, Map.of(), "status", "--fleet", "fleet.toml");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("fleet: 0 of 3 done", "\u001b[", "  sqlite:tenants/acme.db  starting");
        assertThat(run.err()).doesNotContain("start  sqlite:");
        // The last redraw erases the live lines: the table on stdout starts on a clean screen.
        assertThat(run.err()).endsWith("\u001b[J");
        assertThat(run.out()).startsWith("TARGET");
    }

    @Test
    void passwordsNeverShowAndTheEngineIsReachedPerSchema() throws IOException {
        String plain = PostgresServer.newDatabaseUrl();
        Jdbc.execute(plain, "CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b;");
        // The test server trusts local connections: the password is carried, never checked.
        String url = plain.replace("postgres@", "postgres:" + PASSWORD + "@");
        Files.writeString(project.resolve("pg.toml"), """
                [[target]]
                url = "%s"
                schema = "tenant_*"
                """.formatted(url));

        CliRun run = strata("migrate", "--fleet", "pg.toml", "--summary", "pg-last.json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all())
                .contains("postgres://postgres:***@")
                .contains("#tenant_b")
                .doesNotContain(PASSWORD);
        assertThat(Files.readString(project.resolve("pg-last.json")))
                .doesNotContain(PASSWORD)
                .contains("***");
        assertThat(Jdbc.count(plain, "SELECT count(*) FROM tenant_b.strata_history"))
                .isEqualTo(1);

        // Each schema is compared alone: the column added by hand is tenant_a's drift only.
        Jdbc.execute(plain, "ALTER TABLE tenant_a.users ADD COLUMN note TEXT");
        CliRun drift = strata("drift", "--fleet", "pg.toml", "--summary", "pg-drift.json");
        assertThat(drift.exitCode()).as(drift.all()).isEqualTo(ExitCodes.FAILED);
        assertThat(drift.out()).containsPattern("#tenant_a +failed +1 +- +1 ");
        assertThat(drift.out()).containsPattern("#tenant_b +ok +1 ");
        assertThat(drift.all()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongFleetFileOrAStrayOptionIsAUsageError() throws IOException {
        Files.writeString(project.resolve("bad.toml"), """
                [[target]]
                sqlite = "tenants/*.db"

                [[target]]
                env = "prod"
                """);
        CliRun bad = strata("migrate", "--fleet", "bad.toml");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).startsWith("strata: bad.toml:5: env = \"prod\": ");
        assertThat(Files.exists(project.resolve("strata-fleet-last.json")))
                .as("nothing ran")
                .isFalse();

        CliRun withUrl = strata("--url", "sqlite:x.db", "status", "--fleet", "fleet.toml");
        assertThat(withUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withUrl.err()).contains("don't combine --fleet with --url");

        CliRun stray = strata("--url", "sqlite:x.db", "migrate", "--canary", "2");
        assertThat(stray.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stray.err()).contains("--canary applies to a fleet of databases");

        CliRun noSummary = strata("check", "--fleet", "fleet.toml", "--retry-failed");
        assertThat(noSummary.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSummary.err()).contains("there is no summary of an earlier run at strata-fleet-last.json");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
