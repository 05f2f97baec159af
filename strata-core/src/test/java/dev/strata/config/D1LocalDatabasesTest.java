package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code d1-local:NAME} URLs and {@code [migrations] history}, read from real project folders. */
class D1LocalDatabasesTest {

    @TempDir
    Path project;

    private static final String TOML = """
            name = "app"
            compatibility_date = "2025-01-01"

            [[d1_databases]]
            binding = "DB"
            database_name = "app-db"
            database_id = "00000000-0000-0000-0000-000000000001"

            [[d1_databases]]
            binding = "PREVIEWED"
            database_name = "previewed-db"
            database_id = "00000000-0000-0000-0000-000000000002"
            preview_database_id = "preview-1"
            """;

    private Path localFile(String objectId) throws IOException {
        Path file = project.resolve(".wrangler/state/v3/d1/miniflare-D1DatabaseObject/" + objectId + ".sqlite");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    @Test
    void objectIdsAreMiniflaresFileNames() {
        // Names of the files the real wrangler 4 made for these ids in local mode.
        assertThat(D1LocalDatabases.objectId("00000000-0000-0000-0000-000000000001"))
                .isEqualTo("a36f84ea60804f30bb0c7f7cad9f5336a6cca0165abdab8b9241d93dbf0b6006");
        assertThat(D1LocalDatabases.objectId("preview-1"))
                .isEqualTo("6bd8688a2aa2978e2c2460280d7a13248317506de8847a87d614787f82f19fef");
        assertThat(D1LocalDatabases.objectId("OTHER"))
                .isEqualTo("e8fa2f54a46bfeaf656a05c256834e0f554012d5e62a0358bdd8e179564a48de");
    }

    @Test
    void findsTheDatabaseByBindingOrByNameThroughWranglerToml() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);
        Path file = localFile("a36f84ea60804f30bb0c7f7cad9f5336a6cca0165abdab8b9241d93dbf0b6006");

        DatabaseUrl byBinding = DatabaseUrls.parse("d1-local:DB", project);
        DatabaseUrl byName = DatabaseUrls.parse("d1-local:app-db", project);

        assertThat(byBinding.engine()).isEqualTo(DatabaseUrl.Engine.SQLITE);
        assertThat(byBinding.sqliteFile()).contains(file);
        assertThat(byBinding.display()).isEqualTo("d1-local:DB");
        assertThat(byName.sqliteFile()).contains(file);
    }

    @Test
    void aPreviewIdIsWhatLocalModeUses() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);
        Path file = localFile("6bd8688a2aa2978e2c2460280d7a13248317506de8847a87d614787f82f19fef");

        assertThat(DatabaseUrls.parse("d1-local:PREVIEWED", project).sqliteFile())
                .contains(file);
    }

    @Test
    void readsWranglerJsoncWithComments() throws IOException {
        Files.writeString(project.resolve("wrangler.jsonc"), """
                {
                  // the worker
                  "name": "app",
                  "d1_databases": [
                    { "binding": "DB", "database_name": "app-db", "database_id": "00000000-0000-0000-0000-000000000001", },
                  ],
                }
                """);
        Path file = localFile("a36f84ea60804f30bb0c7f7cad9f5336a6cca0165abdab8b9241d93dbf0b6006");

        assertThat(DatabaseUrls.parse("d1-local:DB", project).sqliteFile()).contains(file);
    }

    @Test
    void clearErrorsWhenWranglerConfigOrDatabaseIsMissing() throws IOException {
        assertThatThrownBy(() -> DatabaseUrls.parse("d1-local:DB", project))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no wrangler.toml, wrangler.json or wrangler.jsonc in " + project.toRealPath());

        Files.writeString(project.resolve("wrangler.toml"), TOML);
        assertThatThrownBy(() -> DatabaseUrls.parse("d1-local:NOPE", project))
                .hasMessageContaining("wrangler.toml has no D1 database with binding or database_name 'NOPE'")
                .hasMessageContaining("bindings declared: DB, PREVIEWED");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1-local:DB", project))
                .hasMessageContaining("the local D1 database of DB does not exist yet (.wrangler/state/v3/d1/")
                .hasMessageContaining("wrangler d1 execute DB --local");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1-local:", project)).hasMessageContaining("names no database");
    }

    @Test
    void historyD1IsReadAndNeedsSqlite() throws IOException {
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nhistory = \"d1\"\n");

        StrataConfig config = ConfigLoader.load(ConfigOptions.defaults()
                .withProjectDir(project)
                .withEnv(Map.of())
                .withUrl("sqlite:app.db"));
        assertThat(config.historyMirror()).isEqualTo(HistoryMirror.D1);

        assertThatThrownBy(() -> ConfigLoader.load(ConfigOptions.defaults()
                        .withProjectDir(project)
                        .withEnv(Map.of())
                        .withUrl("postgres://app@localhost/app")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("history = \"d1\" keeps wrangler's d1_migrations table, which only D1 (SQLite)");

        Files.writeString(project.resolve("strata.toml"), "[migrations]\nhistory = \"liquibase\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(
                        ConfigOptions.defaults().withProjectDir(project).withEnv(Map.of())))
                .hasMessageContaining("[migrations] history = \"liquibase\" is not known; use \"d1\"");

        Files.writeString(
                project.resolve("strata.toml"), "[environments.dev]\nurl = \"sqlite:a.db\"\nhistory = \"d1\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(
                        ConfigOptions.defaults().withProjectDir(project).withEnv(Map.of())))
                .hasMessageContaining("unknown key 'history' in [environments.dev]");
    }

    @Test
    void historyDefaultsToStrataOnly() {
        StrataConfig config = ConfigLoader.load(
                ConfigOptions.defaults().withProjectDir(project).withEnv(Map.of()));
        assertThat(config.historyMirror()).isEqualTo(HistoryMirror.NONE);
    }
}
