package dev.strata.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.ConfigurationException;
import dev.strata.config.HistoryMirror;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrangler project without strata.toml, as drizzle sets one up: strata reads the D1 binding's
 * migrations_dir, treats the database as D1 and keeps wrangler's d1_migrations in step, so that the
 * real wrangler finds nothing left to apply after strata.
 */
class WranglerProjectTest {

    @TempDir
    Path project;

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private void drizzleProject() throws IOException {
        write("wrangler.jsonc", """
                {
                  // as drizzle's D1 guide sets it up
                  "name": "app",
                  "compatibility_date": "2025-01-01",
                  "d1_databases": [
                    { "binding": "DB", "database_name": "app-db",
                      "database_id": "4e1c2d6a-0000-4000-8000-000000000002", "migrations_dir": "drizzle" },
                  ],
                }
                """);
        write(
                "drizzle/0000_init.sql",
                "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`email` text\n);\n"
                        + "--> statement-breakpoint\nCREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);");
        write(
                "drizzle/0001_posts.sql",
                "CREATE TABLE `posts` (\n\t`id` integer PRIMARY KEY NOT NULL,\n"
                        + "\t`user_id` integer REFERENCES `users`(`id`)\n);\n--> statement-breakpoint\n"
                        + "CREATE INDEX `posts_user` ON `posts` (`user_id`);");
    }

    @Test
    @Tag("full")
    void strataMigratesTheDrizzleFolderAndWranglerFindsNothingLeftToApply() throws Exception {
        Wrangler.executable();
        drizzleProject();
        Wrangler.Run created = Wrangler.run(project, "d1", "execute", "DB", "--local", "--command", "SELECT 1");
        assertThat(created.exitCode()).as(created.output()).isZero();

        Strata strata = strata("d1-local:DB");
        assertThat(strata.config().migrationsDir()).isEqualTo(project.resolve("drizzle"));
        assertThat(strata.config().target()).contains("d1");
        assertThat(strata.config().historyMirror()).isEqualTo(HistoryMirror.D1);

        assertThat(strata.migrate().applied())
                .extracting(row -> row.label())
                .containsExactly("0000_init", "0001_posts");

        String url = "sqlite:" + strata.config().url().sqliteFile().orElseThrow();
        assertThat(Jdbc.query(url, "SELECT name FROM d1_migrations ORDER BY id"))
                .extracting(row -> row.get(0))
                .containsExactly("0000_init.sql", "0001_posts.sql");
        Wrangler.Run apply = Wrangler.run(project, "d1", "migrations", "apply", "DB", "--local");
        assertThat(apply.exitCode()).as(apply.output()).isZero();
        assertThat(apply.output()).contains("No migrations to apply");
    }

    @Test
    @Tag("full")
    void newKeepsDownScriptsWhereWranglerDoesNotRunThem() throws Exception {
        Wrangler.executable();
        write("wrangler.toml", """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "4e1c2d6a-0000-4000-8000-000000000004"
                """);
        Wrangler.Run created = Wrangler.run(project, "d1", "execute", "DB", "--local", "--command", "SELECT 1");
        assertThat(created.exitCode()).as(created.output()).isZero();

        java.util.List<Path> files = strata("d1-local:DB").newMigration("create users", true);
        assertThat(files)
                .containsExactly(
                        project.resolve("migrations/0001_create_users.sql"),
                        project.resolve("migrations/down/0001_create_users.sql"));
        Files.writeString(files.get(0), "CREATE TABLE users (id INTEGER PRIMARY KEY);\n");
        Files.writeString(files.get(1), "DROP TABLE users;\n");

        Wrangler.Run list = Wrangler.run(project, "d1", "migrations", "list", "DB", "--local");
        assertThat(list.output())
                .as("wrangler sees the up script only")
                .contains("0001_create_users.sql")
                .doesNotContain("down");

        strata("d1-local:DB").migrate();
        Wrangler.Run apply = Wrangler.run(project, "d1", "migrations", "apply", "DB", "--local");
        assertThat(apply.exitCode()).as(apply.output()).isZero();
        assertThat(apply.output()).contains("No migrations to apply");

        strata("d1-local:DB").down(dev.strata.engine.DownRequest.steps(1));
        String url =
                "sqlite:" + strata("d1-local:DB").config().url().sqliteFile().orElseThrow();
        assertThat(Jdbc.query(url, "SELECT name FROM sqlite_master WHERE name = 'users'"))
                .isEmpty();
        assertThat(Jdbc.query(url, "SELECT name FROM d1_migrations"))
                .as("wrangler's history follows the revert")
                .isEmpty();
    }

    @Test
    void strataTomlAndDirStillChooseTheFolder() throws IOException {
        drizzleProject();
        assertThat(Strata.configure()
                        .projectDir(project)
                        .url("sqlite:other.db")
                        .environmentVariables(Map.of())
                        .load()
                        .config()
                        .migrationsDir())
                .as("a wrangler project's folder, whatever the URL")
                .isEqualTo(project.resolve("drizzle"));
        assertThat(Strata.configure()
                        .projectDir(project)
                        .url("sqlite:other.db")
                        .migrations(Path.of("elsewhere"))
                        .environmentVariables(Map.of())
                        .load()
                        .config()
                        .migrationsDir())
                .isEqualTo(project.resolve("elsewhere"));
        write("strata.toml", "[migrations]\ndir = \"db\"\n");
        Strata configured = Strata.configure()
                .projectDir(project)
                .url("sqlite:other.db")
                .environmentVariables(Map.of())
                .load();
        assertThat(configured.config().migrationsDir()).isEqualTo(project.resolve("db"));
        assertThat(configured.config().target())
                .as("only a database wrangler binds is D1")
                .isEqualTo(Optional.empty());
        assertThat(configured.config().historyMirror()).isEqualTo(HistoryMirror.NONE);
    }

    @Test
    @Tag("full")
    void aRenamedWranglerHistoryTableIsRefusedWithTheFix() throws Exception {
        Wrangler.executable();
        write("wrangler.toml", """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "4e1c2d6a-0000-4000-8000-000000000003"
                migrations_table = "schema_log"
                """);
        Wrangler.Run created = Wrangler.run(project, "d1", "execute", "DB", "--local", "--command", "SELECT 1");
        assertThat(created.exitCode()).as(created.output()).isZero();

        assertThatThrownBy(() -> strata("d1-local:DB"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "migrations_table = \"schema_log\" for DB, but strata keeps only d1_migrations" + " in step")
                .hasMessageContaining("set history = \"strata\" in [migrations] of strata.toml");
    }
}
