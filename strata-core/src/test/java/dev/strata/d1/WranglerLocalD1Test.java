package dev.strata.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.adopt.Tool;
import dev.strata.engine.AdoptResult;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.engine.StatusReport;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * strata and the real wrangler CLI (local mode) on one local D1 database: wrangler applies the first
 * migrations, strata finds them through d1-local:, adopts them and applies the rest while keeping
 * d1_migrations, and wrangler then agrees that nothing is left to apply.
 */
@Tag("full") // left out of the quick loop (-Dquick); see the root pom
class WranglerLocalD1Test {

    @TempDir
    Path project;

    private void write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .environmentVariables(Map.of())
                .load();
    }

    @Test
    void wranglerAppliesStrataAdoptsAndGoesOnAndWranglerAgrees() throws Exception {
        Wrangler.executable();
        write("wrangler.toml", """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "4e1c2d6a-0000-4000-8000-000000000001"
                """);
        write("migrations/0001_create_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n");
        write("migrations/0002_create_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER);\n");

        Wrangler.Run applied = Wrangler.run(project, "d1", "migrations", "apply", "DB", "--local");
        assertThat(applied.exitCode()).as(applied.output()).isZero();

        write("migrations/0003_add_index.sql", "CREATE INDEX posts_user ON posts (user_id);\n");
        write("migrations/0004_create_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
        write("strata.toml", """
                environment = "local"

                [migrations]
                history = "d1"

                [environments.local]
                url = "d1-local:DB"
                """);

        StatusReport before = strata().status();
        assertThat(before.foreign()).extracting(h -> h.tool()).containsExactly(Tool.WRANGLER);
        assertThat(before.migrations())
                .extracting(MigrationStatus::state)
                .containsExactly(
                        MigrationState.ADOPTABLE,
                        MigrationState.ADOPTABLE,
                        MigrationState.PENDING,
                        MigrationState.PENDING);

        AdoptResult adopted = strata().adopt(Optional.empty(), false);
        assertThat(adopted.adopted())
                .extracting(r -> r.label())
                .containsExactly("0001_create_users", "0002_create_posts");

        assertThat(strata().migrate().applied())
                .extracting(r -> r.label())
                .containsExactly("0003_add_index", "0004_create_tags");

        Path file = strata().config().url().sqliteFile().orElseThrow();
        String url = "sqlite:" + file;
        assertThat(Jdbc.query(url, "SELECT name FROM d1_migrations ORDER BY id"))
                .extracting(row -> row.get(0))
                .containsExactly(
                        "0001_create_users.sql", "0002_create_posts.sql", "0003_add_index.sql", "0004_create_tags.sql");
        Wrangler.Run list = Wrangler.run(project, "d1", "migrations", "list", "DB", "--local");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("No migrations to apply");

        write("migrations/0005_create_likes.sql", "CREATE TABLE likes (id INTEGER PRIMARY KEY);\n");
        Wrangler.Run pending = Wrangler.run(project, "d1", "migrations", "list", "DB", "--local");
        assertThat(pending.output()).contains("0005_create_likes.sql").doesNotContain("0004_create_tags.sql");
        assertThat(strata().status().count(MigrationState.PENDING)).isEqualTo(1);
        strata().migrate();
        assertThat(Wrangler.run(project, "d1", "migrations", "list", "DB", "--local")
                        .output())
                .contains("No migrations to apply");

        // wrangler applies the next one itself: strata must not run it again.
        write("migrations/0006_create_follows.sql", "CREATE TABLE follows (id INTEGER PRIMARY KEY);\n");
        assertThat(Wrangler.run(project, "d1", "migrations", "apply", "DB", "--local")
                        .exitCode())
                .isZero();
        assertThat(strata().status().migrations())
                .last()
                .extracting(MigrationStatus::state)
                .isEqualTo(MigrationState.ADOPTABLE);
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("wrangler d1 (d1_migrations) holds 1 row that strata has not recorded");
        assertThat(strata().adopt(Optional.empty(), false).adopted())
                .extracting(r -> r.label())
                .containsExactly("0006_create_follows");
        assertThat(strata().migrate().planned()).isEmpty();

        Wrangler.Run query = Wrangler.run(
                project,
                "d1",
                "execute",
                "DB",
                "--local",
                "--json",
                "--command",
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'posts', 'tags')"
                        + " ORDER BY name");
        assertThat(query.output())
                .as("wrangler sees strata's changes in the same database")
                .contains("\"posts\"")
                .contains("\"users\"")
                .contains("\"tags\"");
        assertThat(List.of(file.getFileName().toString()))
                .singleElement()
                .asString()
                .endsWith(".sqlite");
    }
}
