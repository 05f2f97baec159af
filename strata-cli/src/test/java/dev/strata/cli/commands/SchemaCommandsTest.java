package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.cli.CliRun;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dump, drift, plan and check on the D1 example and on real SQLite files, through the command line. */
class SchemaCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @BeforeEach
    void copyTheD1Example() throws IOException {
        Path source = Path.of("..", "examples", "d1-app", "migrations");
        Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, project.resolve("migrations").resolve(file.getFileName()));
            }
        }
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    private String db() {
        return "sqlite:" + project.resolve("strata.db");
    }

    private void write(String file, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(file), sql);
    }

    private CliRun migrated(String... args) {
        CliRun migrate = strata("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        return strata(args);
    }

    @Test
    void dumpPrintsTheCanonicalSchemaWhichLoadsBackIntoTheSameSchema() throws IOException {
        CliRun dump = migrated("dump");

        assertThat(dump.exitCode()).as(dump.all()).isZero();
        assertThat(dump.out())
                .contains("CREATE TABLE zetachain_cctx_log (")
                .contains("amount REAL")
                .contains("CREATE INDEX idx_cctx_status ON zetachain_cctx_log (status)")
                .doesNotContain("strata_history");

        Path copy = project.resolve("copy.db");
        for (String statement : dump.out().split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                Jdbc.execute("sqlite:" + copy, statement);
            }
        }
        CliRun again = strata("--url", "sqlite:copy.db", "dump");
        assertThat(again.out()).isEqualTo(dump.out());
    }

    @Test
    void dumpOutWritesAFileAndCheckSaysWhetherItIsStale() throws IOException {
        CliRun out = migrated("dump", "--out", "db/schema.sql");
        assertThat(out.exitCode()).as(out.all()).isZero();
        assertThat(out.err()).contains("wrote the schema of SQLite database").contains("to db/schema.sql");
        assertThat(project.resolve("db/schema.sql")).content().contains("CREATE TABLE user_preferences");

        CliRun current = strata("dump", "--check", "db/schema.sql");
        assertThat(current.exitCode()).as(current.all()).isZero();
        assertThat(current.out()).startsWith("OK: db/schema.sql matches the schema of SQLite database");

        CliRun fromFiles = strata("dump", "--from-migrations", "--check", "db/schema.sql");
        assertThat(fromFiles.exitCode()).as(fromFiles.all()).isZero();
        assertThat(fromFiles.out()).contains("matches the schema of the migrations in migrations");
        assertThat(fromFiles.err()).doesNotContain("no database configured");

        write("0003_add_note.sql", "ALTER TABLE user_preferences ADD COLUMN note TEXT;\n");
        CliRun stale = strata("dump", "--from-migrations", "--check", "db/schema.sql");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.out())
                .contains("db/schema.sql is stale")
                .contains("from line")
                .contains("strata dump --from-migrations --out db/schema.sql");

        CliRun missing = strata("dump", "--check", "nope.sql");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("nope.sql does not exist");
    }

    @Test
    void dumpRefusesOutTogetherWithCheck() {
        CliRun run = strata("dump", "--out", "a.sql", "--check", "b.sql");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }

    @Test
    void driftNamesWhatWasChangedByHandAndExitsOne() throws IOException {
        CliRun clean = migrated("drift");
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(clean.out()).contains("No drift: SQLite database").contains("matches its 3 applied migrations.");

        Jdbc.execute(db(), "DROP INDEX idx_cctx_status");
        Jdbc.execute(db(), "ALTER TABLE user_preferences ADD COLUMN nickname TEXT");
        Jdbc.execute(db(), "CREATE TABLE scratch (id INTEGER)");

        CliRun drift = strata("drift");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out())
                .contains("differs from its 3 applied migrations:")
                .contains("  extra table scratch (1 column)")
                .contains("  extra user_preferences.nickname (TEXT)")
                .contains("  missing index idx_cctx_status (on zetachain_cctx_log(status))")
                .contains("3 differences.");

        JsonNode json = JSON.readTree(strata("drift", "--json").out());
        assertThat(json.get("drift").asBoolean()).isTrue();
        assertThat(json.get("migrations").asInt()).isEqualTo(3);
        assertThat(json.get("differences")).hasSize(3);
        JsonNode missing = json.get("differences").get(2);
        assertThat(missing.get("change").asText()).isEqualTo("missing");
        assertThat(missing.get("kind").asText()).isEqualTo("index");
        assertThat(missing.get("name").asText()).isEqualTo("idx_cctx_status");
        assertThat(missing.get("table").asText()).isEqualTo("zetachain_cctx_log");
    }

    @Test
    void driftShowsAColumnTypeChangedByHand() throws IOException {
        migrated("status");
        Jdbc.execute(db(), "CREATE TABLE t (x TEXT)");
        // Rebuild zetachain_cctx_log with amount back to TEXT, as someone might by hand.
        Jdbc.execute(db(), "DROP TABLE t");
        Jdbc.execute(db(), "ALTER TABLE zetachain_cctx_log RENAME COLUMN amount TO amount_old");
        Jdbc.execute(db(), "ALTER TABLE zetachain_cctx_log DROP COLUMN amount_old");
        Jdbc.execute(db(), "ALTER TABLE zetachain_cctx_log ADD COLUMN amount TEXT");

        CliRun drift = strata("drift");

        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out()).contains("changed table zetachain_cctx_log column order");
        JsonNode json = JSON.readTree(strata("drift", "--json").out());
        assertThat(json.get("differences").findValuesAsText("description"))
                .contains("changed zetachain_cctx_log.amount type: expected REAL, found TEXT");
    }

    @Test
    void planShowsEachPendingMigrationsSqlAndSchemaChange() throws IOException {
        CliRun migrate = strata("migrate", "--target", "0001");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();

        CliRun plan = strata("plan");

        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out())
                .contains("-- 0002_fix_cctx_log_amount_type (migrations/0002_fix_cctx_log_amount_type.sql),"
                        + " in one transaction")
                .contains("--   ~ zetachain_cctx_log.amount type TEXT -> REAL")
                .contains("ALTER TABLE zetachain_cctx_log_new RENAME TO zetachain_cctx_log;")
                .contains("-- plan: 1 migration would make 1 schema change to SQLite database");
        assertThat(Jdbc.query(db(), "SELECT type FROM pragma_table_info('zetachain_cctx_log') WHERE name = 'amount'"))
                .containsExactly(java.util.List.of("TEXT"));

        JsonNode json = JSON.readTree(strata("plan", "--json").out());
        JsonNode step = json.get("migrations").get(0);
        assertThat(step.get("version").asText()).isEqualTo("0002");
        assertThat(step.get("transactional").asBoolean()).isTrue();
        assertThat(step.get("statements")).hasSize(9);
        assertThat(step.get("statements").get(0).get("line").asInt()).isEqualTo(24);
        JsonNode change = step.get("changes").get(0);
        assertThat(change.get("change").asText()).isEqualTo("altered");
        assertThat(change.get("kind").asText()).isEqualTo("column");
        assertThat(change.get("aspect").asText()).isEqualTo("type");
        assertThat(change.get("before").asText()).isEqualTo("TEXT");
        assertThat(change.get("after").asText()).isEqualTo("REAL");
        assertThat(change.get("description").asText()).isEqualTo("~ zetachain_cctx_log.amount type TEXT -> REAL");
    }

    @Test
    void planOnAnUpToDateDatabaseSaysSo() {
        CliRun plan = migrated("plan");

        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("nothing to apply").contains("is up to date");
    }

    @Test
    void aMigrationFailingOnTheShadowIsOneMessageWithFileAndLine() throws IOException {
        migrated("status");
        write(
                "0003_broken.sql",
                "-- adds a column to a table that does not exist\n\nALTER TABLE nowhere ADD COLUMN x" + " TEXT;\n");

        CliRun plan = strata("plan");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err())
                .contains("\nstrata: migrations/0003_broken.sql:3: statement failed on the shadow"
                        + " database: ALTER TABLE nowhere ADD COLUMN x TEXT")
                .contains("no such table: nowhere")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(plan.out()).isEmpty();
        CliRun dump = strata("dump", "--from-migrations");
        assertThat(dump.exitCode()).isEqualTo(1);
        assertThat(dump.err()).contains("migrations/0003_broken.sql:3:");
    }

    @Test
    void checkPassesOnAHealthyDatabaseAndNamesWhatIsMissingOrBroken() throws IOException {
        write("0003_orders.sql", """
                CREATE TABLE customers (id INTEGER PRIMARY KEY);
                CREATE TABLE orders (id INTEGER PRIMARY KEY,
                    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE);
                """);
        CliRun healthy = migrated("check");
        assertThat(healthy.exitCode()).as(healthy.all()).isZero();
        assertThat(healthy.out()).contains("OK: SQLite database").contains("4 applied migrations exists");

        Jdbc.execute(db(), "DROP INDEX idx_cctx_status");
        Jdbc.execute(db(), "INSERT INTO orders (id, customer_id) VALUES (1, 42)");

        CliRun sick = strata("check");
        assertThat(sick.exitCode()).isEqualTo(1);
        assertThat(sick.out())
                .contains("problem (engine): foreign_key_check: 1 row of orders point at missing rows of customers")
                .contains("problem (missing): index idx_cctx_status is missing (created by"
                        + " 0001_add_performance_indexes)")
                .contains("2 problems found");
        JsonNode json = JSON.readTree(strata("check", "--json").out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems").findValuesAsText("kind")).containsExactly("engine", "missing");
    }

    @Test
    void helpTeachesEachCommand() {
        for (String command : new String[] {"dump", "drift", "plan", "check"}) {
            CliRun help = strata(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: strata " + command).contains("Examples:");
        }
    }
}
