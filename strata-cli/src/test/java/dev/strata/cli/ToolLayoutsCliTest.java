package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other tools' folders at the command line: what strata says about how it reads and runs them. */
class ToolLayoutsCliTest {

    @TempDir
    Path project;

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of(), args);
    }

    private void write(String file, String text) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Test
    void aDieselProjectMigratesValidatesAndNamesItsIrreversibleMigration() throws IOException {
        write(
                "migrations/00000000000000_diesel_initial_setup/up.sql",
                "-- This file was automatically created by" + " Diesel\n");
        write(
                "migrations/00000000000000_diesel_initial_setup/down.sql",
                "-- This file was automatically created by" + " Diesel\n");
        write("migrations/2024-03-13-170000_create_users/up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        write("migrations/2024-03-13-170000_create_users/down.sql", "DROP TABLE users;\n");
        write("migrations/2024-03-14_080000_create_posts/up.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY);\n");
        write("migrations/2024-03-14_080000_create_posts/down.sql", "-- irreversible\n");

        CliRun migrate = strata("migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(migrate.err())
                .contains("note: migrations/00000000000000_diesel_initial_setup/up.sql: has no"
                        + " statements; it is recorded as applied and does nothing, as diesel runs it.");
        assertThat(migrate.out()).contains("Applied 3 migrations");

        CliRun validate = strata("validate");
        assertThat(validate.exitCode()).as(validate.all()).isZero();

        CliRun down = strata("down");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err())
                .contains("migrations/2024-03-14_080000_create_posts/down.sql: the down script of"
                        + " 20240314080000_create_posts is empty (or holds only comments), which marks the migration as"
                        + " irreversible");

        CliRun test = strata("test");
        assertThat(test.exitCode()).as(test.all()).isZero();
        assertThat(test.out())
                .contains(
                        "no down  00000000000000_diesel_initial_setup: its down script"
                                + " migrations/00000000000000_diesel_initial_setup/down.sql is empty, which marks it irreversible")
                .contains("ok       20240313170000_create_users")
                .contains("no down  20240314080000_create_posts: its down script")
                .contains("1 down script tested")
                .contains("2 without a down script");
    }

    @Test
    void aFileWithItsOwnTransactionsRunsWithANoteNamingTheGuarantee() throws IOException {
        write(
                "migrations/1_items.up.sql",
                "CREATE TABLE items (id INTEGER PRIMARY KEY);\nBEGIN;\n"
                        + "INSERT INTO items (id) VALUES (1);\nCOMMIT;\n");
        write("migrations/1_items.down.sql", "DROP TABLE items;\n");

        CliRun dryRun = strata("migrate", "--dry-run");
        assertThat(dryRun.out())
                .contains("-- 1_items (migrations/1_items.up.sql), statement by statement")
                .contains("-- note: migrations/1_items.up.sql: opens its own transactions");

        CliRun migrate = strata("migrate");

        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(migrate.err())
                .contains("note: migrations/1_items.up.sql: opens its own transactions (BEGIN at"
                        + " line 2), so it runs statement by statement as written, as golang-migrate runs it");
        assertThat(strata("lint").exitCode()).as("lint agrees with the run").isZero();
    }

    @Test
    void withoutStrataTomlAWranglerConfigIsFollowedAndSaidSo() throws IOException {
        write("wrangler.toml", """
                name = "app"
                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "4e1c2d6a-0000-4000-8000-000000000005"
                migrations_dir = "drizzle"
                """);
        write("drizzle/0000_init.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");

        CliRun status = strata("status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.err())
                .contains("strata: found wrangler.toml (D1 binding DB): migrations in drizzle/, and"
                        + " --url d1-local:DB reaches its local database");
        assertThat(status.out()).contains("0000").contains("pending");

        CliRun created = strata("new", "add posts", "--reversible");
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out())
                .contains("Created drizzle/0001_add_posts.sql")
                .contains("Created drizzle/down/0001_add_posts.sql")
                .contains("wrangler runs every .sql file in drizzle/ as a migration, so the down script is in its"
                        + " down/ folder, which wrangler does not read.");
        assertThat(project.resolve("drizzle/0001_add_posts.down.sql")).doesNotExist();
    }

    @Test
    void newInADieselOrFlywayFolderWritesThatToolsStyle() throws IOException {
        write("migrations/V1__init.sql", "CREATE TABLE a (id INTEGER);\n");
        write("migrations/V1_27__more.sql", "CREATE TABLE b (id INTEGER);\n");

        CliRun created = strata("new", "next");

        assertThat(created.out()).contains("Created migrations/V1_28__next.sql");
    }
}
