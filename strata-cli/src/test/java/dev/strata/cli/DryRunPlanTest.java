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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code plan} and {@code migrate --dry-run} show the whole plan when the lint gate would refuse the
 * real run: statements, schema changes, how each migration runs, the findings beside their
 * statement, and exit 1 with the refusal in one line. The database is left as it was.
 */
class DryRunPlanTest {

    @TempDir
    Path project;

    String url;

    private void project(String engine) throws IOException {
        url = engine.equals("sqlite") ? "sqlite:" + project.resolve("app.db") : PostgresServer.newDatabaseUrl();
        write("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
        assertThat(strata("migrate").exitCode()).isZero();
        Jdbc.execute(url, "INSERT INTO users (id, name) VALUES (1, 'ada')");
        write("0002_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n");
        write("0003_drop.sql", "-- users moved elsewhere\nCREATE TABLE archive (id INTEGER);\nDROP TABLE users;\n");
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations").resolve(name), text);
    }

    private CliRun strata(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(project, Map.of(), all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void planShowsEverythingWithTheFindingBesideItsStatementAndExitsOne(String engine) throws IOException {
        project(engine);

        CliRun plan = strata("plan");

        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(1);
        assertThat(plan.out())
                .contains("-- 0002_notes (migrations/0002_notes.sql), in one transaction")
                .contains("--   + table notes (2 columns)")
                .contains("CREATE TABLE archive (id INTEGER);")
                .containsPattern("-- error \\[drop-table\\] migrations/0003_drop.sql:3:\\d+: DROP TABLE users[^\\n]*\\n"
                        + "--   fix: [^\\n]*\\nDROP TABLE users;")
                .contains("-- plan: migrate would refuse: the linter found 1 error in the pending migrations;"
                        + " nothing was changed.");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aDryRunShowsThePlanAndTheRefusalAndChangesNothing(String engine) throws IOException {
        project(engine);

        CliRun dry = strata("migrate", "--dry-run");

        assertThat(dry.exitCode()).as(dry.all()).isEqualTo(1);
        assertThat(dry.out())
                .contains("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
                .contains("-- error [drop-table] migrations/0003_drop.sql:3:")
                .endsWith("-- dry run: migrate would refuse: the linter found 1 error in the pending migrations;"
                        + " nothing was changed." + System.lineSeparator());
        assertThat(dry.err()).doesNotContain("nothing was applied");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
        assertThat(strata("migrate").exitCode())
                .as("the real run refuses as the dry run said")
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theJsonOfPlanAndDryRunCarriesTheFindingsOnTheirStatementsAndTheRefusal(String engine) throws IOException {
        project(engine);

        CliRun plan = strata("plan", "--json");
        CliRun dry = strata("migrate", "--dry-run", "--json");

        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(1);
        assertThat(dry.exitCode()).as(dry.all()).isEqualTo(1);
        JsonNode planJson = new ObjectMapper().readTree(plan.out());
        JsonNode dryJson = new ObjectMapper().readTree(dry.out());
        for (JsonNode migrations : new JsonNode[] {planJson.get("migrations"), dryJson.get("planned")}) {
            assertThat(migrations).hasSize(2);
            assertThat(migrations.at("/1/transactional").asBoolean()).isTrue();
            assertThat(migrations.at("/1/statements/0/findings")).isEmpty();
            assertThat(migrations.at("/1/statements/1/sql").asText()).isEqualTo("DROP TABLE users");
            // PostgreSQL adds a warning about lock_timeout on the same statement.
            assertThat(migrations.at("/1/statements/1/findings").findValuesAsText("rule"))
                    .contains("drop-table");
            assertThat(migrations.at("/1/statements/1/findings").findValuesAsText("severity"))
                    .contains("error");
        }
        assertThat(planJson.at("/migrations/0/changes/0/description").asText()).isEqualTo("+ table notes (2 columns)");
        assertThat(planJson.get("refusal").asText())
                .isEqualTo("migrate would refuse: the linter found 1 error in the pending migrations");
        assertThat(dryJson.get("refusal").asText())
                .isEqualTo(planJson.get("refusal").asText());
        assertThat(dryJson.get("dry_run").asBoolean()).isTrue();
        assertThat(dryJson.get("applied")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aPlanTheGateAcceptsExitsZeroWithNoRefusal(String engine) throws IOException {
        project(engine);
        write("0003_drop.sql", "-- strata:allow drop-table users moved to the accounts service\nDROP TABLE users;\n");

        CliRun plan = strata("plan", "--json");

        assertThat(plan.exitCode()).as(plan.all()).isZero();
        JsonNode json = new ObjectMapper().readTree(plan.out());
        assertThat(json.get("refusal").isNull()).isTrue();
        assertThat(strata("migrate", "--dry-run").out()).contains("-- dry run: 2 migrations would be applied");
    }
}
