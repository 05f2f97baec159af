package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** strata docs through the command line, and the committed showcase of the D1 example. */
class DocsCommandTest {

    private static final Path D1_APP = Path.of("..", "examples", "d1-app");

    @TempDir
    Path project;

    private CliRun strata(Path dir, String... args) {
        return CliRun.run(dir, Map.of(), args);
    }

    /**
     * Checked on a copy of the committed folders, so that a {@code strata.db} left in the example by
     * the README's quickstart (or anything else) can't change the outcome.
     */
    @Test
    void theCommittedDocsOfTheD1ExampleAreCurrent() throws IOException {
        for (String folder : new String[] {"migrations", "docs"}) {
            copyFolder(D1_APP.resolve(folder), project.resolve(folder));
        }

        CliRun check = strata(project, "docs", "--check");

        assertThat(check.exitCode())
                .as(check.all() + "\nRun 'bin/strata -C examples/d1-app docs' to update them.")
                .isZero();
        assertThat(check.out()).contains("OK: docs/migrations.md and docs/migrations.html match the 3 migrations.");
        assertThat(project.resolve("strata.db")).as("docs reads no database").doesNotExist();
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    @Test
    void docsWritesMarkdownAndHtmlAndCheckFindsThemStaleAfterANewMigration() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"),
                "-- Accounts.\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n");

        CliRun missing = strata(project, "docs", "--check", "--out", "HISTORY.md");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out())
                .contains(
                        "HISTORY.md does not exist",
                        "HISTORY.html does not exist",
                        "Update them with 'strata docs --out HISTORY.md'");

        CliRun write = strata(project, "docs", "--out", "HISTORY.md");
        assertThat(write.exitCode()).as(write.all()).isZero();
        assertThat(write.out())
                .isEqualTo("Wrote HISTORY.md and HISTORY.html (1 migration, 1 table, 0 breaking" + " changes).\n");
        assertThat(write.err()).isEmpty();
        assertThat(project.resolve("HISTORY.md"))
                .content()
                .contains("**Purpose**: Accounts.", "None: all migrations are additive.");
        assertThat(project.resolve("HISTORY.html")).content().contains("<h1>Migration history</h1>");
        assertThat(strata(project, "docs", "--check", "--out", "HISTORY.md").exitCode())
                .isZero();

        Files.writeString(project.resolve("migrations/0002_drop.sql"), "ALTER TABLE users DROP COLUMN email;\n");
        CliRun stale = strata(project, "docs", "--check", "--out", "HISTORY.md");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.out()).contains("HISTORY.md is stale (from line 3)", "HISTORY.html is stale");
        assertThat(project.resolve("strata.db")).doesNotExist();
    }

    @Test
    void fromDatabaseDrawsTheDeployedSchemaOnSqliteAndPostgres() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"),
                "CREATE TABLE users (id INTEGER PRIMARY KEY);\n"
                        + "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);\n");
        for (String url : new String[] {"sqlite:app.db", PostgresServer.newDatabaseUrl()}) {
            assertThat(strata(project, "--url", url, "migrate").exitCode()).isZero();

            CliRun write = strata(project, "--url", url, "docs", "--from-database");

            assertThat(write.exitCode()).as(write.all()).isZero();
            assertThat(write.out())
                    .startsWith("Wrote docs/database-schema.md and docs/database-schema.html from the schema of ")
                    .endsWith(" (2 tables, 1 foreign key).\n");
            assertThat(project.resolve("docs/database-schema.html"))
                    .content()
                    .contains(
                            "<h1>Database schema</h1>",
                            "data-from=\"posts\" data-to=\"users\"",
                            ">ON DELETE CASCADE</text>");
            CliRun check = strata(project, "--url", url, "docs", "--from-database", "--check");
            assertThat(check.exitCode()).as(check.all()).isZero();
            assertThat(check.out())
                    .startsWith("OK: docs/database-schema.md and docs/database-schema.html match the schema of ");
            assertThat(project.resolve("docs/migrations.md")).doesNotExist();
        }
    }

    @Test
    void fromAnUnreachableDatabaseIsOneMessageWithoutThePassword() {
        CliRun run = CliRun.run(
                project,
                Map.of("DATABASE_URL", "postgres://postgres:secret-pw@localhost:1/nowhere"),
                "docs",
                "--from-database");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("could not connect")
                .doesNotContain("secret-pw")
                .doesNotContain("\tat ");
        assertThat(project.resolve("docs")).doesNotExist();
    }

    @Test
    void aMigrationFailingOnTheShadowStopsDocsWithFileAndLine() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_bad.sql"), "CREATE TABLE a (id INT);\nDROP TABLE b;\n");

        CliRun run = strata(project, "docs");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith(
                        "strata: migrations/0001_bad.sql:2: statement failed on the shadow database:" + " DROP TABLE b")
                .doesNotContain("\tat ");
        assertThat(project.resolve("docs")).doesNotExist();
    }
}
