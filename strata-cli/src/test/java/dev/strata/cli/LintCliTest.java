package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata lint} in every format, and the lint gate in front of {@code migrate}, on real SQLite files. */
class LintCliTest {

    private static final String USERS = "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT);\n";

    @TempDir
    Path project;

    @BeforeEach
    void migrationsFolder() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    private void write(String file, String sql) throws IOException {
        Path path = project.resolve("migrations").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    private void toml(String text) throws IOException {
        Files.writeString(project.resolve("strata.toml"), text);
    }

    private String db() {
        return "sqlite:" + project.resolve("strata.db");
    }

    @Test
    void textShowsWhereWhatWhyTheLineAndACaretAndExitsOneOnErrors() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_cleanup.sql", "-- old stuff\nUPDATE users SET name = 'x' WHERE id = 1;\n  DROP TABLE users;\n");

        CliRun run = strata("lint");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("migrations/0002_cleanup.sql:3:14: error [drop-table] DROP TABLE users deletes")
                .contains("  3 |   DROP TABLE users;\n    |              ^\n")
                .contains("  fix: Keep the table")
                .contains("to accept the risk: -- strata:allow drop-table <reason>")
                .contains("1 error, 0 warnings, 0 info in 2 files linted.");
        assertThat(run.err()).doesNotContain("no database configured");
    }

    /** Migrate refuses the file whatever an allow comment says, so lint does not offer one. */
    @Test
    void aFileMigrateRefusesIsAnErrorWithoutAWayToAcceptIt() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_backfill.sql", "BEGIN;\nUPDATE users SET name = 'x' WHERE id = 1;\n");

        CliRun run = strata("lint");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("migrations/0002_backfill.sql:1:1: error [unclosed-transaction] BEGIN opens a transaction"
                        + " that the file never commits")
                .contains("  fix: Add COMMIT; after the file's last statement.")
                .doesNotContain("to accept the risk");
    }

    @Test
    void cleanMigrationsExitZeroAndWarningsDoNotFail() throws IOException {
        write("0001_users.sql", USERS);
        assertThat(strata("lint").out()).contains("OK: 1 file linted; no findings.");
        write("0002_more.sql", "CREATE TABLE t (id INTEGER, user_id INTEGER REFERENCES users (id));");

        CliRun run = strata("lint");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("warning [fk-without-index]");
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_drop.sql", "DROP TABLE users;");

        CliRun run = strata("lint", "--format", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(iterable(json.fieldNames())).containsExactly("findings");
        JsonNode finding = json.get("findings").get(0);
        assertThat(iterable(finding.fieldNames()))
                .containsExactly("rule", "severity", "file", "line", "column", "message", "fix");
        assertThat(finding.get("rule").asText()).isEqualTo("drop-table");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("file").asText()).isEqualTo("migrations/0002_drop.sql");
        assertThat(finding.get("line").asInt()).isEqualTo(1);
        assertThat(finding.get("column").asInt()).isEqualTo(12);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void sarifIsAVersion210LogWithRulesAndLocatedResults() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_drop.sql", "DROP TABLE users;");

        JsonNode sarif =
                new ObjectMapper().readTree(strata("lint", "--format", "sarif").out());

        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("strata");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).contains("drop-table", "cascade-delete");
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("drop-table");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText())
                .isEqualTo("migrations/0002_drop.sql");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(1);
        assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt())
                .isEqualTo(12);
    }

    @Test
    void githubPrintsOneWorkflowAnnotationPerFinding() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_drop.sql", "DROP TABLE users;\nCREATE TABLE t (id INTEGER, user_id INTEGER REFERENCES t (id));");

        List<String> lines = strata("lint", "--format", "github").out().lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("::error file=migrations/0002_drop.sql,line=1,col=12,title=strata"
                        + " drop-table::DROP TABLE users");
        assertThat(lines.get(1))
                .startsWith("::warning file=migrations/0002_drop.sql,line=2,")
                .contains("fk-without-index");
    }

    @Test
    void pendingLintsOnlyWhatMigrateWouldApplyButKnowsTheAppliedSchema() throws IOException {
        write("0001_users.sql", USERS + "CREATE TABLE legacy (id INTEGER);\n");
        strata("--url", db(), "migrate");
        write("0002_clear.sql", "DELETE FROM users;");

        CliRun run = strata("--url", db(), "lint", "--pending", "--format", "json");

        JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
        assertThat(findings.findValuesAsText("rule")).containsExactly("delete-without-where");
        assertThat(findings.findValuesAsText("file")).containsOnly("migrations/0002_clear.sql");
    }

    @Test
    void aNamedFileIsLintedKnowingTheMigrationsBeforeIt() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_clear.sql", "DELETE FROM users;");
        Files.writeString(project.resolve("scratch.sql"), "DELETE FROM users;");

        assertThat(strata("lint", "migrations/0002_clear.sql").out())
                .contains("[delete-without-where]")
                .contains("in 1 file linted");
        assertThat(strata("lint", "scratch.sql").out()).contains("scratch.sql:1:1: error [delete-without-where]");
        CliRun missing = strata("lint", "nope.sql");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("strata lint nope.sql: no such file or folder");
    }

    @Test
    void migrateRefusesAnErrorBeforeAnythingRunsNamingTheRuleAndHowToAllowIt() throws IOException {
        write("0001_users.sql", USERS);
        strata("--url", db(), "migrate");
        Jdbc.execute(db(), "INSERT INTO users (name) VALUES ('ada')");
        write("0002_add.sql", "CREATE TABLE IF NOT EXISTS notes (id INTEGER);");
        write("0003_drop.sql", "DROP TABLE users;");

        CliRun run = strata("--url", db(), "migrate");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("nothing was applied: the linter found 1 error in the pending migrations")
                .contains("migrations/0003_drop.sql:1:12: drop-table: DROP TABLE users")
                .contains("'-- strata:allow drop-table <reason>' on the line before the statement")
                .contains("drop-table = \"warning\" in [lint] of strata.toml");
        assertThat(Jdbc.count(db(), "SELECT count(*) FROM users")).isEqualTo(1);
        assertThat(Jdbc.count(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'notes'"))
                .isZero();
        assertThat(strata("--url", db(), "migrate", "--dry-run").exitCode()).isEqualTo(1);

        write("0003_drop.sql", "-- strata:allow drop-table users moved to the accounts service\nDROP TABLE users;");
        CliRun allowed = strata("--url", db(), "migrate");
        assertThat(allowed.exitCode()).isZero();
        assertThat(Jdbc.count(db(), "SELECT count(*) FROM sqlite_master WHERE name = 'users'"))
                .isZero();
    }

    @Test
    void aDropInTheHistoryIsJudgedByTheRowsOnTheDatabase() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_drop.sql", "DROP TABLE users;\n");

        // Without a database lint is static; with one, lint --pending and migrate see that users is empty here.
        assertThat(strata("lint").exitCode()).isEqualTo(1);
        CliRun pending = strata("--url", db(), "lint", "--pending");
        assertThat(pending.exitCode()).isZero();
        assertThat(pending.out())
                .contains("migrations/0002_drop.sql:1:12: warning [drop-table] DROP TABLE users")
                .contains("users is empty here, so no row is lost.");
        CliRun migrate = strata("--url", db(), "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.err()).containsOnlyOnce("users is empty here, so no row is lost.");

        write("0003_users.sql", USERS + "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b');\n");
        write("0004_drop.sql", "DROP TABLE users;\n");
        CliRun refused = strata("--url", db(), "migrate");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("migrations/0004_drop.sql:1:12: drop-table: DROP TABLE users")
                .contains("users holds 2 rows here.");
        assertThat(strata("--url", db(), "lint", "--pending").out())
                .contains("error [drop-table]")
                .contains("users holds 2 rows here.");

        toml("[lint]\nsince = \"0004\"\n");
        assertThat(strata("--url", db(), "migrate").exitCode()).isZero();
        toml("[lint]\nsince = \"old\"\n");
        assertThat(strata("lint").exitCode()).isEqualTo(2);
    }

    @Test
    void plainLintGivenADatabaseJudgesThePendingFilesAsTheGateDoes() throws IOException {
        write("0001_users.sql", USERS);
        write("0002_drop.sql", "DROP TABLE users;\n");

        // The whole folder, given a database: the same verdict as lint --pending and the gate there.
        CliRun fresh = strata("--url", db(), "lint");
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(fresh.out())
                .contains("migrations/0002_drop.sql:1:12: warning [drop-table] DROP TABLE users")
                .contains("users is empty here, so no row is lost.");
        assertThat(strata("--url", db(), "migrate").exitCode()).isZero();

        write("0003_users.sql", USERS + "INSERT INTO users (id, name) VALUES (1, 'a'), (2, 'b');\n");
        write("0004_drop.sql", "DROP TABLE users;\n");
        CliRun refused = strata("--url", db(), "lint");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains("migrations/0004_drop.sql:1:12: error [drop-table]")
                .contains("users holds 2 rows here.")
                .as("an applied file is read statically, as lint reads the history without a database")
                .contains("migrations/0002_drop.sql:1:12: error [drop-table]");
        // Without a database (and with --no-shadow) lint stays static.
        assertThat(strata("lint").out())
                .contains("migrations/0004_drop.sql:1:12: error [drop-table]")
                .doesNotContain("rows here");
    }

    @Test
    void migratePrintsWarningsAndGoesOn() throws IOException {
        write("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, team INTEGER REFERENCES teams (id));");

        CliRun run = strata("--url", db(), "migrate");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).containsPattern("strata: warning: migrations/0001_users.sql:1:\\d+: fk-without-index:");
    }

    @Test
    void aStrictEnvironmentTurnsWarningsIntoErrorsAndLintLevelsApply() throws IOException {
        toml("""
                [environments.prod]
                url = "sqlite:prod.db"
                lint = "strict"
                [environments.dev]
                url = "sqlite:dev.db"
                """);
        write("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, boss INTEGER REFERENCES users (id));");

        CliRun prod = strata("--env", "prod", "migrate");
        assertThat(prod.exitCode()).isEqualTo(1);
        assertThat(prod.err())
                .contains("environment prod sets lint = \"strict\", so warnings count as errors")
                .contains("fk-without-index");
        assertThat(strata("--env", "dev", "migrate").exitCode()).isZero();

        toml(Files.readString(project.resolve("strata.toml")) + "[lint]\nfk-without-index = \"off\"\n");
        assertThat(strata("--env", "prod", "migrate").exitCode()).isZero();
    }

    @Test
    void targetD1TurnsOnTheD1Rules() throws IOException {
        write("0001_users.sql", "BEGIN TRANSACTION;\n" + USERS + "PRAGMA foreign_keys = OFF;\nCOMMIT;\n");
        assertThat(strata("lint").exitCode()).isZero();

        toml("[migrations]\ntarget = \"d1\"\n");
        CliRun run = strata("lint", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(run.out()).findValuesAsText("rule"))
                .containsExactly("d1-transaction-control", "d1-foreign-keys-pragma", "d1-transaction-control");
    }

    /**
     * A PostgreSQL project linted where no PostgreSQL database is named (a pull request's CI job):
     * strata's default database is SQLite, and PostgreSQL's SQL must not be run on a SQLite shadow,
     * where it fails for SQLite's reasons. The lint says so, reads the statements alone, and
     * reports no shadow failure.
     */
    @Test
    void aPostgresTargetIsNeverShadowedOnSqlite() throws IOException {
        toml("[migrations]\ntarget = \"postgres\"\n");
        write(
                "0001_users.sql",
                "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, data jsonb NOT NULL);\n");
        write("0002_plan.sql", "ALTER TABLE users ADD COLUMN plan text NOT NULL;\n");

        CliRun run = strata("lint", "--format", "json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(run.out()).findValuesAsText("rule"))
                .containsExactly("not-null-without-default");
        assertThat(run.err())
                .contains("no shadow database (the migrations are written for postgres ([migrations] target in"
                        + " strata.toml), but the shadow database would be sqlite: it is made next to strata's"
                        + " default database, sqlite:strata.db, as no database is named.")
                .contains("Name a postgres database: --url, DATABASE_URL or the environment's url")
                .contains("linted from the statements alone");
        assertThat(project.resolve("strata.db")).doesNotExist();
        assertThat(strata("lint").out())
                .endsWith("1 error, 0 warnings, 0 info in 2 files linted; not every check ran, see the note above.\n");

        CliRun docs = strata("docs");
        assertThat(docs.exitCode()).as(docs.all()).isEqualTo(1);
        assertThat(docs.err())
                .contains("the migrations are written for postgres")
                .doesNotContain("Exception");
    }

    /**
     * The same project as a team keeps it, with the database in DATABASE_URL, linted in a job that
     * has no DATABASE_URL: lint sets the URL aside (target says the SQL is PostgreSQL's) and says
     * what it could not check; only --pending, which reads the database's history, still needs it.
     */
    @Test
    void lintRunsWithoutTheDatabaseWhenTargetNamesTheEngine() throws IOException {
        toml("environment = \"dev\"\n\n[environments.dev]\nurl = \"${env.DATABASE_URL}\"\n");
        write("0001_users.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n");
        write("0002_plan.sql", "ALTER TABLE users ADD COLUMN plan text NOT NULL;\n");

        CliRun withoutTarget = strata("lint");
        assertThat(withoutTarget.exitCode()).as(withoutTarget.all()).isEqualTo(2);
        assertThat(withoutTarget.err())
                .contains("environment variable DATABASE_URL is not set (used by [environments.dev] url); set it, or"
                        + " set target = \"postgres\"");

        toml("environment = \"dev\"\n\n[environments.dev]\nurl = \"${env.DATABASE_URL}\"\n\n"
                + "[migrations]\ntarget = \"postgres\"\n");
        CliRun run = strata("lint");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out())
                .contains("error [not-null-without-default]")
                .endsWith("; not every check ran, see the notes above.\n");
        assertThat(run.err())
                .contains("linted without the database (DATABASE_URL is not set (used by [environments.dev]"
                        + " url)): no finding is judged by the rows there.");
        CliRun statementsOnly = strata("lint", "--no-shadow");
        assertThat(statementsOnly.exitCode()).as(statementsOnly.all()).isEqualTo(1);
        assertThat(statementsOnly.out())
                .as("--no-shadow never judges by the rows, with or without the database")
                .endsWith("in 2 files linted.\n");
        assertThat(strata("lint").err())
                .contains("the shadow database would be sqlite: it is made next to strata's default database,"
                        + " sqlite:strata.db, as DATABASE_URL is not set (used by [environments.dev] url).");
        CliRun pending = strata("lint", "--pending");
        assertThat(pending.exitCode()).as(pending.all()).isEqualTo(2);
        assertThat(pending.err()).contains("DATABASE_URL is not set").doesNotContain("target");
        assertThat(project.resolve("strata.db")).doesNotExist();
    }

    @Test
    void anUnknownRuleInStrataTomlOrFormatIsAConfigurationError() throws IOException {
        write("0001_users.sql", USERS);
        toml("[lint]\ndrop-tabel = \"off\"\n");

        CliRun run = strata("lint");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("[lint] drop-tabel is not a lint rule");
        assertThat(strata("--url", db(), "migrate").exitCode()).isEqualTo(2);
        Files.delete(project.resolve("strata.toml"));
        assertThat(strata("lint", "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void rulesAreListedAndHelpTeaches() {
        assertThat(strata("lint", "--rules").out()).contains("drop-table").contains("d1-foreign-keys-pragma");
        assertThat(strata("lint", "--help").out())
                .contains("-- strata:allow drop-table")
                .contains("--pending")
                .contains("--format");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
