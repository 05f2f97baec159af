package dev.strata.maven;

import static dev.strata.maven.MavenBuild.goal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Console;
import dev.strata.cli.StrataCli;
import dev.strata.testing.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's goals in real Maven builds of the sample projects of src/it. The quick loop
 * ({@code -Dquick}) runs the first build only; the others are tagged {@code full}.
 */
class MavenBuildIT {

    @TempDir
    Path dir;

    @Test
    void migrateAndStatusOnSqliteSayWhatTheCommandLineSays() throws Exception {
        Path project = MavenBuild.sample("sqlite-app", dir);

        MavenBuild.Result build = MavenBuild.run(project, Map.of(), goal("migrate"), goal("status"));

        assertThat(build.exitCode()).as(build.log()).isZero();
        assertThat(build.log())
                .contains(
                        "Applied 2 migrations to SQLite database sqlite:app.db.",
                        "0002     orders",
                        "2 applied",
                        "BUILD SUCCESS");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + project.resolve("app.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM strata_history")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    @Tag("full")
    void theVerifyPhaseRunsLintTestDocsCheckAndDumpCheckAndFailsOnStaleDocs() throws Exception {
        Path project = MavenBuild.sample("sqlite-app", dir);
        assertThat(strata(project, "docs")).isZero();
        assertThat(strata(project, "dump", "--from-migrations", "--out", "schema.sql"))
                .isZero();

        MavenBuild.Result green = MavenBuild.run(project, Map.of(), "verify");

        assertThat(green.exitCode()).as(green.log()).isZero();
        assertThat(green.log())
                .contains(
                        "strata-maven-plugin:" + System.getProperty("strata.plugin.version") + ":lint",
                        ":test",
                        ":docs-check",
                        ":dump-check",
                        "BUILD SUCCESS");
        assertThat(project.resolve("target/strata-lint.sarif")).content().contains("\"version\" : \"2.1.0\"");

        Files.writeString(
                project.resolve("migrations/0003_notes.up.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
        Files.writeString(project.resolve("migrations/0003_notes.down.sql"), "DROP TABLE notes;\n");
        MavenBuild.Result stale = MavenBuild.run(project, Map.of(), "verify");

        assertThat(stale.exitCode()).isNotZero();
        assertThat(stale.log()).contains("is stale", "strata docs failed (exit code 1)", "BUILD FAILURE");
    }

    @Test
    @Tag("full")
    void aLintErrorFailsTheBuildWithTheFindingInTheLog() throws Exception {
        Path project = MavenBuild.sample("lint-error", dir);

        MavenBuild.Result build = MavenBuild.run(project, Map.of(), "verify");

        assertThat(build.exitCode()).isNotZero();
        assertThat(build.log())
                .contains(
                        "migrations/0002_reset.sql:2",
                        "delete-without-where",
                        "strata lint failed (exit code 1)",
                        "BUILD FAILURE");
        assertThat(project.resolve("target/strata-lint.sarif")).content().contains("delete-without-where");
    }

    @Test
    @Tag("full")
    void migrateOnPostgresTakesTheUrlFromTheEnvironmentThroughMaven() throws Exception {
        Path project = MavenBuild.sample("postgres-app", dir);
        String url = PostgresServer.newDatabaseUrl();

        MavenBuild.Result build =
                MavenBuild.run(project, Map.of("APP_DATABASE_URL", url), goal("migrate"), goal("validate"));

        assertThat(build.exitCode()).as(build.log()).isZero();
        assertThat(build.log()).contains("Applied 2 migrations to PostgreSQL database", "BUILD SUCCESS");

        // Without the variable Maven leaves the parameter unset, and strata says which database it uses instead.
        MavenBuild.Result unset = MavenBuild.run(project, Map.of(), goal("status"));
        assertThat(unset.exitCode()).as(unset.log()).isZero();
        assertThat(unset.log()).contains("strata: no database configured; using sqlite:strata.db", "2 pending");
    }

    /** Runs the command line in process, as a user would before committing docs and schema. */
    private static int strata(Path project, String... args) {
        StringWriter out = new StringWriter();
        return new StrataCli(new Console(new PrintWriter(out), new PrintWriter(out)), Map.of(), project).run(args);
    }
}
