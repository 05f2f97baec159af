package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it, on real SQLite files: output, exit codes, messages. */
class CliTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path project;

    @BeforeEach
    void migrationsFolder() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, NO_ENV, args);
    }

    private void write(String file, String sql) throws IOException {
        Path path = project.resolve("migrations").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    private String db() {
        return "sqlite:" + project.resolve("strata.db");
    }

    @Test
    void migrateUsesTheDefaultDatabaseAndSaysSo() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");

        CliRun run = strata("migrate");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err())
                .contains("no database configured; using sqlite:strata.db")
                .contains("Applying 0001_a")
                .contains("applied 0001_a in");
        assertThat(run.out()).contains("Applied 1 migration to SQLite database sqlite:strata.db.");
        assertThat(project.resolve("strata.db")).exists();
        assertThat(strata("migrate").out()).contains("is up to date");
    }

    @Test
    void statusJsonListsEveryMigrationWithItsState() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        strata("migrate", "--target", "1");

        CliRun run = strata("status", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("migrations")).hasSize(2);
        JsonNode first = json.get("migrations").get(0);
        assertThat(first.get("version").asText()).isEqualTo("0001");
        assertThat(first.get("name").asText()).isEqualTo("a");
        assertThat(first.get("state").asText()).isEqualTo("applied");
        assertThat(first.get("applied_at").asText()).endsWith("Z");
        assertThat(first.get("execution_ms").isNumber()).isTrue();
        assertThat(json.get("migrations").get(1).get("state").asText()).isEqualTo("pending");
    }

    @Test
    void statusTableShowsStatesAndCounts() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        strata("migrate", "--target", "0001");

        CliRun run = strata("status");

        assertThat(run.out())
                .contains("VERSION")
                .contains("0001")
                .contains("applied")
                .contains("0002")
                .contains("pending")
                .contains("1 applied, 1 pending");
    }

    @Test
    void statusDoesNotCreateTheDatabase() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");

        assertThat(strata("status").exitCode()).isZero();

        assertThat(project.resolve("strata.db")).doesNotExist();
    }

    @Test
    void downAndRepairWithNothingAppliedCreateNoDatabase() throws IOException {
        write("0001_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0001_a.down.sql", "DROP TABLE a;");

        CliRun down = strata("down");
        CliRun repair = strata("repair");

        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("Nothing to revert");
        assertThat(repair.exitCode()).isZero();
        assertThat(repair.out()).contains("Nothing to repair");
        assertThat(project.resolve("strata.db")).doesNotExist();
    }

    @Test
    void aFailedMigrationExitsOneWithFileLineAndNoStackTrace() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO missing_table VALUES (1);\n");

        CliRun run = strata("migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("migrations/0001_a.sql:2: statement failed: INSERT INTO missing_table")
                .contains("no such table: missing_table")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(Jdbc.query(db(), "SELECT name FROM sqlite_master WHERE name = 'a'"))
                .isEmpty();
    }

    @Test
    void dryRunPrintsTheSqlAndChangesNothing() throws IOException {
        write("0001_a.sql", "-- the first table\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n");

        CliRun run = strata("migrate", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("-- 0001_a (migrations/0001_a.sql), in one transaction")
                .contains("CREATE TABLE a (id INTEGER PRIMARY KEY);")
                .contains("1 migration would be applied");
        assertThat(project.resolve("strata.db")).doesNotExist();
    }

    @Test
    void validateExitsOneAndListsEveryProblem() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0002_b.sql", "CREATE TABLE b (note TEXT DEFAULT 'x);");
        write("0003_c.sql", "CREATE TABLE c (id INTEGER);\nVACUUM;");

        CliRun run = strata("validate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("error: migrations/0002_b.sql:1")
                .contains("error: migrations/0003_c.sql:2")
                .contains("2 problems found.");
        assertThat(strata("validate", "--json").out()).contains("\"ok\" : false");
    }

    @Test
    void validatePassesOnAGoodFolder() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");

        CliRun run = strata("validate");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("OK: 1 migration checked");
    }

    @Test
    void duplicateVersionsAndUnversionedFilesAreNamed() throws IOException {
        write("0003_a.sql", "SELECT 1;");
        write("3_b.sql", "SELECT 1;");
        write("schema.sql", "SELECT 1;");

        CliRun run = strata("migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("0003_a.sql").contains("3_b.sql").contains("schema.sql");
    }

    @Test
    void downRefusesWithoutADownScriptAndRevertsWithOne() throws IOException {
        write("0001_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        write("0001_a.down.sql", "DROP TABLE a;");
        write("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        strata("migrate");

        CliRun refused = strata("down", "--all");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("nothing was reverted").contains("0002_b has no down script");

        write("0002_b.down.sql", "DROP TABLE b;");
        Files.move(project.resolve("migrations/0002_b.sql"), project.resolve("migrations/0002_b.up.sql"));
        CliRun reverted = strata("down", "--steps", "2");
        assertThat(reverted.exitCode()).isZero();
        assertThat(reverted.out()).contains("Reverted 2 migrations");
        assertThat(Jdbc.query(db(), "SELECT name FROM sqlite_master WHERE name IN ('a', 'b')"))
                .isEmpty();
    }

    @Test
    void newCreatesTheNextFileInTheFoldersStyle() throws IOException {
        write("0026_threads.sql", "SELECT 1;");

        CliRun run = strata("new", "add invites");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Created migrations/0027_add_invites.sql");
        assertThat(run.err()).as("new never opens the database").doesNotContain("no database configured");
        assertThat(project.resolve("migrations/0027_add_invites.sql")).exists();

        strata("new", "with_down", "--reversible");
        assertThat(project.resolve("migrations/0028_with_down.up.sql")).exists();
        assertThat(project.resolve("migrations/0028_with_down.down.sql")).exists();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(strata("fly").exitCode()).isEqualTo(2);
        assertThat(strata("migrate", "--target", "abc").exitCode()).isEqualTo(2);
        assertThat(strata("down", "--steps", "1", "--all").exitCode()).isEqualTo(2);
        assertThat(strata("down", "--steps", "0").exitCode()).isEqualTo(2);
        CliRun unknownEnv = strata("--env", "nowhere", "status");
        assertThat(unknownEnv.exitCode()).isEqualTo(2);
        assertThat(unknownEnv.err()).contains("nowhere");
    }

    @Test
    void aTargetThatMatchesNoFileIsAUsageError() throws IOException {
        write("0001_a.sql", "SELECT 1;");

        CliRun run = strata("migrate", "--target", "7");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--target 7: no migration file has version 7");
    }

    @Test
    void minusCRunsAsIfStartedInThatFolder() throws IOException {
        Path app = project.resolve("app");
        Files.createDirectories(app.resolve("migrations"));
        Files.writeString(app.resolve("migrations/0001_a.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);");

        CliRun run = strata("-C", "app", "migrate");

        assertThat(run.exitCode()).isZero();
        assertThat(app.resolve("strata.db")).exists();
        assertThat(project.resolve("strata.db")).doesNotExist();
    }

    @Test
    void strataTomlEnvironmentsAndDatabaseUrlChooseTheDatabase() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        Files.writeString(project.resolve("strata.toml"), """
                environment = "dev"
                [environments.dev]
                url = "sqlite:dev.db"
                [environments.test]
                url = "sqlite:${env.TEST_DB}"
                """);

        assertThat(strata("migrate").exitCode()).isZero();
        assertThat(project.resolve("dev.db")).exists();

        assertThat(CliRun.run(project, Map.of("TEST_DB", "t.db"), "--env", "test", "migrate")
                        .exitCode())
                .isZero();
        assertThat(project.resolve("t.db")).exists();

        assertThat(CliRun.run(project, Map.of("DATABASE_URL", "sqlite:from-env.db"), "migrate")
                        .exitCode())
                .isZero();
        assertThat(project.resolve("from-env.db")).exists();
    }

    @Test
    void helpTeachesTheCommandsAndExitCodes() {
        CliRun run = strata("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("migrate")
                .contains("down")
                .contains("status")
                .contains("validate")
                .contains("new")
                .contains("repair")
                .contains("Exit codes:")
                .contains("usage or configuration error");
        assertThat(strata("migrate", "--help").out()).contains("--dry-run").contains("--target");
    }

    @Test
    void versionIsPrinted() {
        CliRun run = strata("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("strata ")
                .containsPattern("\\(commit [0-9a-f]{12}( with local changes)?\\)")
                .containsPattern("SQLite: sqlite-jdbc 3\\.[0-9.]+; PostgreSQL: pgjdbc 42\\.[0-9.]+")
                .contains("Java " + Runtime.version());
    }

    @Test
    void theD1ExampleMigratesAndKeepsEveryRowThroughTheAmountRebuild() throws IOException {
        Path example = project.resolve("d1-app");
        copy(Path.of("..", "examples", "d1-app", "migrations"), example.resolve("migrations"));
        String url = "sqlite:" + example.resolve("strata.db");

        assertThat(CliRun.run(project, NO_ENV, "-C", "d1-app", "migrate", "--target", "1")
                        .exitCode())
                .isZero();
        Jdbc.execute(
                url,
                "INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, destination_chain, asset, amount)"
                        + " VALUES ('h1', 'eth', 'zeta', 'USDC', '12.5'), ('h2', 'btc', 'zeta', 'BTC', NULL)");
        CliRun rest = CliRun.run(project, NO_ENV, "-C", "d1-app", "migrate");

        assertThat(rest.exitCode()).isZero();
        assertThat(rest.err())
                .as("the flagship example passes the lint gate without a warning")
                .doesNotContain("warning")
                .doesNotContain("error");
        assertThat(Jdbc.query(url, "SELECT cctx_hash, typeof(amount), amount FROM zetachain_cctx_log ORDER BY 1"))
                .containsExactly(List.of("h1", "real", "12.5"), java.util.Arrays.asList("h2", "null", null));
        assertThat(Jdbc.query(url, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'idx_cctx_status'"))
                .hasSize(1);
    }

    @Test
    void theD1ExampleRollsItsRebuildBackOnAnAmountThatIsNotANumber() throws IOException {
        Path example = project.resolve("d1-app");
        copy(Path.of("..", "examples", "d1-app", "migrations"), example.resolve("migrations"));
        String url = "sqlite:" + example.resolve("strata.db");
        assertThat(CliRun.run(project, NO_ENV, "-C", "d1-app", "migrate", "--target", "1")
                        .exitCode())
                .isZero();
        Jdbc.execute(
                url,
                "INSERT INTO zetachain_cctx_log (cctx_hash, source_chain, destination_chain, amount)"
                        + " VALUES ('h1', 'eth', 'zeta', '12.5'), ('h2', 'btc', 'zeta', '12 USD')");

        CliRun rest = CliRun.run(project, NO_ENV, "-C", "d1-app", "migrate");

        assertThat(rest.exitCode()).isEqualTo(1);
        assertThat(rest.err()).contains("0002_fix_cctx_log_amount_type.sql").contains("12 USD");
        assertThat(Jdbc.query(url, "SELECT typeof(amount) FROM zetachain_cctx_log ORDER BY cctx_hash"))
                .as("the rebuild was rolled back")
                .containsExactly(List.of("text"), List.of("text"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
