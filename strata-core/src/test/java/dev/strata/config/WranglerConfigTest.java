package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The D1 part of real wrangler config files, in each of the three formats wrangler reads. */
class WranglerConfigTest {

    @TempDir
    Path project;

    private static final String TOML = """
            name = "cutty"
            compatibility_date = "2025-01-01"

            [[d1_databases]]
            binding = "DB"
            database_name = "cutty-dev"
            database_id = "00000000-0000-0000-0000-000000000001"
            preview_database_id = "preview-1"
            migrations_dir = "db/migrations"
            migrations_table = "schema_log"

            [[d1_databases]]
            binding = "CACHE"
            database_name = "cutty-cache"
            database_id = "00000000-0000-0000-0000-000000000009"

            [env.staging]
            name = "cutty-staging"

            [[env.staging.d1_databases]]
            binding = "DB"
            database_name = "cutty-staging"
            database_id = "00000000-0000-0000-0000-000000000002"

            [env.prod]
            [[env.prod.d1_databases]]
            binding = "DB"
            database_name = "cutty-prod"
            database_id = "00000000-0000-0000-0000-000000000003"
            migrations_dir = "db/migrations"

            [env.empty]
            name = "no-databases"
            """;

    @Test
    void readsEveryD1FieldOfTheTopLevelAndOfEachEnvironment() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);

        WranglerConfig config = WranglerConfig.find(project).orElseThrow();

        assertThat(config.fileName()).isEqualTo("wrangler.toml");
        assertThat(config.directory()).isEqualTo(project.toAbsolutePath().normalize());
        assertThat(config.databases())
                .containsExactly(
                        new WranglerD1Database(
                                "DB",
                                Optional.of("cutty-dev"),
                                Optional.of("00000000-0000-0000-0000-000000000001"),
                                Optional.of("preview-1"),
                                Optional.of("db/migrations"),
                                Optional.of("schema_log")),
                        new WranglerD1Database(
                                "CACHE",
                                Optional.of("cutty-cache"),
                                Optional.of("00000000-0000-0000-0000-000000000009"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()));
        assertThat(config.environments()).containsOnlyKeys("staging", "prod", "empty");
        assertThat(config.environments().keySet()).containsExactly("staging", "prod", "empty");
        assertThat(config.databases(Optional.of("staging")))
                .extracting(WranglerD1Database::databaseId)
                .containsExactly(Optional.of("00000000-0000-0000-0000-000000000002"));
        assertThat(config.databases(Optional.of("empty"))).isEmpty();
        assertThat(config.databases(Optional.of("undeclared"))).isEmpty();
    }

    @Test
    void findsByBindingOrDatabaseNamePerLevel() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);
        WranglerConfig config = WranglerConfig.find(project).orElseThrow();

        assertThat(config.database("DB", Optional.empty()).orElseThrow().databaseName())
                .contains("cutty-dev");
        assertThat(config.database("cutty-cache", Optional.empty())
                        .orElseThrow()
                        .binding())
                .isEqualTo("CACHE");
        assertThat(config.database("DB", Optional.of("prod")).orElseThrow().databaseName())
                .contains("cutty-prod");
        // d1_databases are not inherited by an environment, as in wrangler.
        assertThat(config.database("CACHE", Optional.of("staging"))).isEmpty();
        assertThat(config.database("cutty-prod", Optional.empty())).isEmpty();
    }

    @Test
    void defaultsAreWranglers() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);
        WranglerConfig config = WranglerConfig.find(project).orElseThrow();

        WranglerD1Database dev = config.database("DB", Optional.empty()).orElseThrow();
        WranglerD1Database staging =
                config.database("DB", Optional.of("staging")).orElseThrow();
        assertThat(dev.effectiveMigrationsDir()).isEqualTo("db/migrations");
        assertThat(dev.effectiveMigrationsTable()).isEqualTo("schema_log");
        assertThat(staging.effectiveMigrationsDir()).isEqualTo("migrations");
        assertThat(staging.effectiveMigrationsTable()).isEqualTo("d1_migrations");
    }

    @Test
    void readsJsonAndJsoncWithCommentsAndTrailingCommas() throws IOException {
        Files.writeString(project.resolve("wrangler.jsonc"), """
                {
                  // the worker
                  "name": "app",
                  "d1_databases": [
                    { "binding": "DB", "database_name": "app-db", "database_id": "id-1", "migrations_dir": "sql", },
                  ],
                  "env": {
                    "staging": { "d1_databases": [ { "binding": "DB", "database_id": "id-2" } ] },
                  },
                }
                """);
        WranglerConfig jsonc = WranglerConfig.find(project).orElseThrow();
        assertThat(jsonc.fileName()).isEqualTo("wrangler.jsonc");
        assertThat(jsonc.database("app-db", Optional.empty()).orElseThrow().migrationsDir())
                .contains("sql");
        assertThat(jsonc.database("DB", Optional.of("staging")).orElseThrow().databaseId())
                .contains("id-2");

        Files.writeString(project.resolve("wrangler.json"), """
                {"d1_databases": [{"binding": "JSON", "database_id": "id-3"}]}
                """);
        WranglerConfig json = WranglerConfig.find(project).orElseThrow();
        assertThat(json.fileName())
                .as("wrangler.json is read first, as wrangler does")
                .isEqualTo("wrangler.json");
        assertThat(json.databases()).extracting(WranglerD1Database::binding).containsExactly("JSON");
    }

    @Test
    void noConfigIsEmptyAndABrokenOneIsAConfigurationError() throws IOException {
        assertThat(WranglerConfig.find(project)).isEmpty();

        Files.writeString(project.resolve("wrangler.toml"), "[[d1_databases]\nbinding = ");
        assertThatThrownBy(() -> WranglerConfig.find(project))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("wrangler.toml: can't be read (");

        Files.writeString(project.resolve("wrangler.toml"), "[[d1_databases]]\ndatabase_name = \"x\"\n");
        assertThatThrownBy(() -> WranglerConfig.find(project))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("wrangler.toml: d1_databases entry 0 has no binding; wrangler needs one for every D1"
                        + " database (e.g. binding = \"DB\")");
    }

    @Test
    void anEmptyFileDeclaresNothing() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), "");
        WranglerConfig config = WranglerConfig.find(project).orElseThrow();
        assertThat(config.databases()).isEmpty();
        assertThat(config.environments()).isEmpty();
    }
}
