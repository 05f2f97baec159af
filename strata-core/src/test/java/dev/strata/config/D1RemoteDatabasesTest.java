package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code d1:NAME}, {@code d1:NAME?env=ENV} and {@code d1://ACCOUNT/ID}, read from real project folders. */
class D1RemoteDatabasesTest {

    private static final String TOKEN = "tok-3f9a1c-secret";
    private static final Map<String, String> ENV =
            Map.of("CLOUDFLARE_API_TOKEN", TOKEN, "CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path project;

    private static final String TOML = """
            name = "cutty"

            [[d1_databases]]
            binding = "DB"
            database_name = "cutty-dev"
            database_id = "00000000-0000-0000-0000-000000000001"
            migrations_dir = "db/migrations"

            [env.staging]
            [[env.staging.d1_databases]]
            binding = "DB"
            database_name = "cutty-staging"
            database_id = "00000000-0000-0000-0000-000000000002"
            migrations_table = "staging_migrations"
            """;

    @Test
    void aBindingOfTheWranglerConfigNamesTheRemoteDatabase() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);

        DatabaseUrl url = DatabaseUrls.parse("d1:DB", project, ENV);

        assertThat(url.engine()).isEqualTo(DatabaseUrl.Engine.D1);
        assertThat(url.display()).isEqualTo("d1:DB");
        assertThat(url.jdbcUrl())
                .isEqualTo("d1://0123456789abcdef0123456789abcdef/00000000-0000-0000-0000-000000000001");
        assertThat(url.password()).contains(TOKEN);
        assertThat(url.toString()).doesNotContain(TOKEN);
        D1Address d1 = url.d1().orElseThrow();
        assertThat(d1.migrationsDir()).contains(project.toAbsolutePath().resolve("db/migrations"));
        assertThat(d1.migrationsTable()).isEqualTo("d1_migrations");
        assertThat(d1.endpoint("raw"))
                .isEqualTo(URI.create("https://api.cloudflare.com/client/v4/accounts/"
                        + "0123456789abcdef0123456789abcdef/d1/database/00000000-0000-0000-0000-000000000001/raw"));
        assertThat(DatabaseUrls.parse("d1:cutty-dev", project, ENV).jdbcUrl()).isEqualTo(url.jdbcUrl());
    }

    @Test
    void anEnvironmentBlockAndTheApiBaseOverride() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:8787/client/v4/");

        DatabaseUrl url = DatabaseUrls.parse("d1:DB?env=staging", project, env);

        assertThat(url.jdbcUrl()).endsWith("/00000000-0000-0000-0000-000000000002");
        assertThat(url.d1().orElseThrow().migrationsTable()).isEqualTo("staging_migrations");
        assertThat(url.d1().orElseThrow().migrationsDir())
                .contains(project.toAbsolutePath().resolve("migrations"));
        assertThat(url.d1().orElseThrow().endpoint("query").toString())
                .isEqualTo(
                        "http://127.0.0.1:8787/client/v4"
                                + "/accounts/0123456789abcdef0123456789abcdef/d1/database/00000000-0000-0000-0000-000000000002/query");
    }

    @Test
    void anAccountAndIdNeedNoConfig() {
        DatabaseUrl url = DatabaseUrls.parse(
                "d1://abc123/00000000-0000-0000-0000-000000000009", project, Map.of("CLOUDFLARE_API_TOKEN", TOKEN));

        assertThat(url.d1().orElseThrow().accountId()).isEqualTo("abc123");
        assertThat(url.d1().orElseThrow().migrationsDir()).isEmpty();
    }

    @Test
    void theMigrationsFolderIsWranglersUnlessStrataIsTold() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);

        StrataConfig config = ConfigLoader.load(
                ConfigOptions.defaults().withProjectDir(project).withEnv(ENV).withUrl("d1:DB"));
        assertThat(config.migrationsDir()).isEqualTo(project.toAbsolutePath().resolve("db/migrations"));

        Files.writeString(project.resolve("strata.toml"), "[migrations]\ndir = \"sql\"\nhistory = \"d1\"\n");
        StrataConfig told = ConfigLoader.load(
                ConfigOptions.defaults().withProjectDir(project).withEnv(ENV).withUrl("d1:DB"));
        assertThat(told.migrationsDir()).isEqualTo(project.toAbsolutePath().resolve("sql"));
        assertThat(told.historyMirror()).isEqualTo(HistoryMirror.D1);
    }

    @Test
    void aMissingTokenOrAccountIsAConfigurationErrorThatSaysWhatToSet() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);

        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB", project, Map.of("CLOUDFLARE_ACCOUNT_ID", "abc")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CLOUDFLARE_API_TOKEN is not set")
                .hasMessageContaining("D1 > Edit");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB", project, Map.of("CLOUDFLARE_API_TOKEN", TOKEN)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("set CLOUDFLARE_ACCOUNT_ID")
                .hasMessageNotContaining(TOKEN);
        Files.writeString(project.resolve("wrangler.toml"), "account_id = \"fromconfig\"\n" + TOML);
        assertThat(DatabaseUrls.parse("d1:DB", project, Map.of("CLOUDFLARE_API_TOKEN", TOKEN))
                        .d1()
                        .orElseThrow()
                        .accountId())
                .isEqualTo("fromconfig");
    }

    @Test
    void unknownNamesEnvironmentsAndMalformedUrlsAreNamed() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), TOML);

        assertThatThrownBy(() -> DatabaseUrls.parse("d1:NOPE", project, ENV))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "wrangler.toml has no D1 database with binding or database_name 'NOPE' at the" + " top level")
                .hasMessageContaining("bindings declared there: DB");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB?env=prod", project, ENV))
                .hasMessageContaining("wrangler.toml has no [env.prod] block; environments declared: staging");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB?region=weur", project, ENV))
                .hasMessageContaining("the only parameter of d1:NAME is ?env=ENV");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1://only-account", project, ENV))
                .hasMessageContaining("write remote D1 URLs as d1://ACCOUNT_ID/DATABASE_ID");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1://acc/../../zones", project, ENV))
                .hasMessageContaining("write remote D1 URLs as d1://ACCOUNT_ID/DATABASE_ID");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:", project, ENV)).hasMessageContaining("names no database");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB", project.resolve("nowhere"), ENV))
                .hasMessageContaining("no wrangler.toml, wrangler.json or wrangler.jsonc");
        Map<String, String> badBase = new java.util.HashMap<>(ENV);
        badBase.put("CLOUDFLARE_API_BASE_URL", "ftp://example");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB", project, badBase))
                .hasMessageContaining("CLOUDFLARE_API_BASE_URL is not an http(s) address");
    }

    @Test
    void aDatabaseWithoutIdIsNamed() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), "[[d1_databases]]\nbinding = \"DB\"\n");
        assertThatThrownBy(() -> DatabaseUrls.parse("d1:DB", project, ENV))
                .hasMessageContaining("the D1 database DB in wrangler.toml has no database_id");
    }
}
