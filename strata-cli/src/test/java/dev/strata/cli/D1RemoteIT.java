package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.dialect.d1.D1TestEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged strata against remote D1, as users run it: a wrangler project whose {@code d1:DB}
 * is served by the test endpoint (the real {@code wrangler dev} on real local D1, behind Cloudflare's
 * documented REST routes). Concurrent processes, SIGKILL, D1's rules and the token.
 */
class D1RemoteIT {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("app-db");

    @TempDir
    Path project;

    private Map<String, String> env() {
        return D1.environment();
    }

    private void wranglerProject(int migrations) throws IOException {
        Files.writeString(
                project.resolve("wrangler.toml"),
                "name = \"app\"\n\n[[d1_databases]]\nbinding = \"DB\"\n"
                        + "database_name = \"app-db\"\ndatabase_id = \""
                        + D1.database("app-db").id() + "\"\n");
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                dir.resolve("0001_counter.sql"),
                "CREATE TABLE counter (id INTEGER PRIMARY KEY, migration TEXT NOT NULL);\n");
        for (int i = 2; i <= migrations; i++) {
            Files.writeString(
                    dir.resolve(String.format("%04d_step.sql", i)),
                    "INSERT INTO counter (id, migration) VALUES (" + i + ", '" + i + "');\n"
                            + "INSERT INTO counter (id, migration) VALUES (" + (1000 + i) + ", '" + i + "');\n");
        }
    }

    private StrataProcess.Finished strata(String... args) throws IOException, InterruptedException {
        StrataProcess.Finished run = StrataProcess.run(project, env(), args);
        assertThat(run.output()).doesNotContain(D1.apiToken());
        return run;
    }

    /** Rows of a query on the remote database, through the endpoint's documented raw route. */
    private List<String> column(String sql) throws IOException, InterruptedException {
        String body = "{\"sql\": \"" + sql.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(D1.databaseUri("app-db") + "/raw"))
                                .header("Authorization", "Bearer " + D1.apiToken())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("result")
                .path(0)
                .path("results")
                .path("rows");
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(0).asText()));
        return values;
    }

    private List<String> tables() throws IOException, InterruptedException {
        return column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\\\_cf\\\\_%' ESCAPE"
                + " '\\\\' AND name NOT LIKE 'sqlite\\\\_%' ESCAPE '\\\\' ORDER BY name");
    }

    /** Each migration's rows are there exactly once, and history says every migration applied once. */
    private void assertEachAppliedOnce(int migrations) throws IOException, InterruptedException {
        assertThat(column("SELECT COUNT(*) FROM counter")).containsExactly(String.valueOf(2 * (migrations - 1)));
        assertThat(column("SELECT COUNT(DISTINCT version) FROM strata_history WHERE success = 1"))
                .containsExactly(String.valueOf(migrations));
        assertThat(column("SELECT COUNT(*) FROM strata_history")).containsExactly(String.valueOf(migrations));
    }

    @Test
    void migrateStatusAndAFailedStatementThatLeavesNothingOfItsMigration() throws Exception {
        wranglerProject(3);
        Files.writeString(
                project.resolve("migrations/0004_broken.sql"),
                "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO counter VALUES (4, '4');\n"
                        + "INSERT INTO no_such_table VALUES (1);\n");

        StrataProcess.Finished failed = strata("--url", "d1:DB", "migrate");

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.stderr())
                .contains("migrations/0004_broken.sql:3: statement failed: INSERT INTO no_such_table")
                .contains("no such table: no_such_table")
                .contains("rolled back");
        assertThat(tables()).contains("counter", "strata_history").doesNotContain("half");
        assertThat(column("SELECT COUNT(*) FROM counter WHERE id = 4")).containsExactly("0");
        assertEachAppliedOnce(3);

        StrataProcess.Finished status = strata("--url", "d1:DB", "status");
        assertThat(status.stdout()).contains("d1:DB").contains("0004").contains("pending");
    }

    @Test
    void fourConcurrentProcessesApplyEachMigrationOnce() throws Exception {
        int migrations = 15;
        wranglerProject(migrations);
        List<StrataProcess.Running> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(
                    StrataProcess.startSplit(project, env(), project.resolve("run-" + i), "--url", "d1:DB", "migrate"));
        }
        int applied = 0;
        for (StrataProcess.Running run : runs) {
            StrataProcess.Finished finished = run.await();
            assertThat(finished.exitCode()).as(finished.output()).isZero();
            assertThat(finished.output()).doesNotContain(D1.apiToken());
            applied += finished.stderr().split("  applied ", -1).length - 1;
        }

        assertThat(applied).as("applied lines over all four processes").isEqualTo(migrations);
        assertEachAppliedOnce(migrations);
    }

    @Test
    void sigkillMidRunThenAPlainMigrateFinishes() throws Exception {
        int migrations = 25;
        wranglerProject(migrations);
        StrataProcess.Running run =
                StrataProcess.startSplit(project, env(), project.resolve("killed"), "--url", "d1:DB", "migrate");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StrataProcess.TIMEOUT_SECONDS);
        while (!run.stderrSoFar().contains("applied 0005") && run.alive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        run.kill();
        int recorded =
                Integer.parseInt(column("SELECT COUNT(*) FROM strata_history").get(0));
        assertThat(recorded).as("killed part-way").isBetween(5, migrations - 1);
        // Whatever the kill interrupted is wholly there or wholly absent: two rows per recorded step.
        assertThat(column("SELECT COUNT(*) FROM counter")).containsExactly(String.valueOf(2 * (recorded - 1)));

        StrataProcess.Finished finish = strata("--url", "d1:DB", "migrate");

        assertThat(finish.exitCode()).as(finish.output()).isZero();
        assertEachAppliedOnce(migrations);
    }

    @Test
    void everyD1RuleIsRefusedBeforeAnythingChanges() throws Exception {
        wranglerProject(1);
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("PRAGMA foreign_keys = OFF;\n", "D1 ignores PRAGMA foreign_keys");
        rules.put("-- strata:foreign-keys off\nCREATE TABLE b (id INTEGER);\n", "target = \"d1\"");
        rules.put("INSERT INTO counter VALUES (2, '" + "x".repeat(100_001) + "');\n", "100,000 bytes (100 KB)");
        rules.put("SELECT * FROM _cf_KV;\n", "internal _cf_ tables");
        rules.put("CREATE TABLE c (id INTEGER);\nSAVEPOINT s;\n", "SAVEPOINT");
        rules.put("SELECT 1;\n".repeat(1_000), "more than the 1000");
        for (Map.Entry<String, String> rule :
                CaseSample.current().of("D1RemoteIT's rules", List.copyOf(rules.entrySet()))) {
            Files.writeString(project.resolve("migrations/0002_rule.sql"), rule.getKey());
            D1.clearRequestCounts();

            StrataProcess.Finished refused = strata("--url", "d1:DB", "migrate");

            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.stderr())
                    .as(refused.output())
                    .contains("0002_rule.sql")
                    .contains(rule.getValue());
            assertThat(tables())
                    .as("nothing was created, not even the history table")
                    .isEmpty();
            // Planning reads the catalog and the history (two requests on a fresh database, a third when an idle
            // keep-alive connection was closed under the client and it retried); no write follows.
            assertThat(D1.requestCounts().total())
                    .as(rule.getValue() + ": " + D1.requestCounts().routes())
                    .isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aWrongTokenNamesThePermissionAndNeverTheToken() throws Exception {
        wranglerProject(1);
        Map<String, String> wrong = new HashMap<>(env());
        String token = "wrong-" + D1.apiToken().substring(0, 8) + "-token";
        wrong.put("CLOUDFLARE_API_TOKEN", token);

        StrataProcess.Finished refused = StrataProcess.run(project, wrong, "--url", "d1:DB", "migrate");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr())
                .contains("Cloudflare refused the API token for d1:DB")
                .contains("D1 > Edit permission")
                .doesNotContain(token)
                .doesNotContain("\tat ");
        Map<String, String> none = new HashMap<>(env());
        none.remove("CLOUDFLARE_API_TOKEN");
        StrataProcess.Finished unset = StrataProcess.run(project, none, "--url", "d1:DB", "status");
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.stderr()).contains("CLOUDFLARE_API_TOKEN is not set");
    }
}
