package dev.strata.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.LintRequest;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linting with the schema the shadow database computes, on both engines. */
class ShadowLintTest {

    @TempDir
    Path project;

    private LintReport lint(String url, boolean shadow) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .lint(new LintRequest(List.of(), false, shadow));
    }

    private static List<String> rules(LintReport report) {
        return report.findings().stream().map(Finding::rule).toList();
    }

    @Test
    void aRebuildTheStatementsDontRevealIsRecognisedByItsEffectOnTheShadow() throws IOException {
        MigrationFiles.write(
                project,
                "0001_prices.sql",
                "CREATE TABLE IF NOT EXISTS prices (id INTEGER PRIMARY KEY, v DECIMAL(12,4));\n");
        // The copy goes through a temporary table, a shape the statement reader does not call a rebuild.
        MigrationFiles.write(project, "0002_float.sql", """
                CREATE TEMP TABLE keep AS SELECT * FROM prices;
                DROP TABLE prices;
                CREATE TABLE IF NOT EXISTS prices (id INTEGER PRIMARY KEY, v REAL);
                INSERT INTO prices SELECT id, v FROM keep;
                """);
        String url = "sqlite:" + project.resolve("app.db");

        assertThat(rules(lint(url, false))).contains("drop-table");
        LintReport report = lint(url, true);

        assertThat(rules(report)).doesNotContain("drop-table").contains("table-rebuild", "lossy-type-change");
        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals("table-rebuild"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("prices.v type DECIMAL(12,4) -> REAL"));
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void theShadowGivesTheRealSchemaOnPostgres() throws IOException {
        MigrationFiles.write(project, "0001_orders.sql", """
                CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, total NUMERIC(12,4), note VARCHAR(20));
                """);
        MigrationFiles.write(project, "0002_change.sql", """
                SET lock_timeout = '5s';
                ALTER TABLE orders ALTER COLUMN total TYPE DOUBLE PRECISION;
                ALTER TABLE orders ALTER COLUMN note TYPE VARCHAR(40);
                """);

        LintReport report = lint(PostgresServer.newDatabaseUrl(), true);

        assertThat(report.findings())
                .extracting(Finding::rule, Finding::line)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("lossy-type-change", 2),
                        org.assertj.core.groups.Tuple.tuple("pg-column-type-rewrite", 2));
    }

    @Test
    void aMigrationThatFailsOnTheShadowIsAFindingAndLaterOnesAreStillLinted() throws IOException {
        MigrationFiles.write(project, "0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id INTEGER PRIMARY KEY);\n");
        MigrationFiles.write(project, "0002_b.sql", "INSERT INTO missing_table VALUES (1);\n");
        MigrationFiles.write(project, "0003_c.sql", "DELETE FROM a;\n");

        LintReport report = lint("sqlite:" + project.resolve("app.db"), true);

        assertThat(report.findings())
                .extracting(Finding::rule, Finding::file)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fails-on-shadow", "migrations/0002_b.sql"),
                        org.assertj.core.groups.Tuple.tuple("delete-without-where", "migrations/0003_c.sql"));
        assertThat(report.notes()).singleElement().asString().contains("stop at migrations/0002_b.sql");
    }

    @Test
    void withoutAShadowTheLinterSaysSoAndReadsTheStatementsAlone() throws IOException {
        MigrationFiles.write(
                project, "0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id INTEGER PRIMARY KEY);\nDELETE FROM a;\n");

        LintReport report = lint("postgres://nobody@127.0.0.1:1/nothing", true);

        assertThat(report.notes()).singleElement().asString().startsWith("no shadow database (");
        assertThat(report.files()).isEqualTo(1);
    }
}
