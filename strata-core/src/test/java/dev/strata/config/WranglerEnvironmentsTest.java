package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Without a strata.toml that names databases, the D1 databases of the wrangler config (toml, json,
 * jsonc) and its [env.*] blocks are strata's environments; a strata.toml table of the same name
 * adds requires, confirm and backup to them.
 */
class WranglerEnvironmentsTest {

    private static final Map<String, String> ENV =
            Map.of("CLOUDFLARE_API_TOKEN", "tok-5ecret-9", "CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path project;

    private static final String TOML = """
            name = "cutty"

            [[d1_databases]]
            binding = "DB"
            database_name = "cutty-dev"
            database_id = "00000000-0000-0000-0000-000000000001"

            [env.staging]
            [[env.staging.d1_databases]]
            binding = "DB"
            database_name = "cutty-staging"
            database_id = "00000000-0000-0000-0000-000000000002"

            [env.prod]
            [[env.prod.d1_databases]]
            binding = "DB"
            database_name = "cutty-prod"
            database_id = "00000000-0000-0000-0000-000000000003"

            [env.preview]
            vars = { MODE = "preview" }
            """;

    private static final String JSONC = """
            {
              // the same project, as wrangler.jsonc
              "name": "cutty",
              "d1_databases": [
                { "binding": "DB", "database_name": "cutty-dev", "database_id": "00000000-0000-0000-0000-000000000001" },
              ],
              "env": {
                "staging": { "d1_databases": [
                  { "binding": "DB", "database_name": "cutty-staging", "database_id": "00000000-0000-0000-0000-000000000002" }
                ] },
                "prod": { "d1_databases": [
                  { "binding": "DB", "database_name": "cutty-prod", "database_id": "00000000-0000-0000-0000-000000000003" }
                ] },
                "preview": { "vars": { "MODE": "preview" } },
              },
            }
            """;

    private void wrangler(String file) throws IOException {
        String text = file.endsWith(".toml")
                ? TOML
                : file.endsWith(".jsonc")
                        ? JSONC
                        : JSONC.replaceAll("(?m)^\\s*//.*\\n", "").replaceAll(",(\\s*[}\\]])", "$1");
        Files.writeString(project.resolve(file), text);
    }

    private ConfigOptions options() {
        return ConfigOptions.defaults().withProjectDir(project).withEnv(ENV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrangler.toml", "wrangler.json", "wrangler.jsonc"})
    void everyD1DatabaseOfTheConfigIsAnEnvironment(String file) throws IOException {
        wrangler(file);

        assertThat(ConfigLoader.environmentNames(options()))
                .as("an [env] block without D1 gives none")
                .containsExactly("remote", "staging", "prod", "local");
        assertThat(ConfigLoader.load(options().withEnvironment("remote")).url().display())
                .isEqualTo("d1:DB");
        StrataConfig prod = ConfigLoader.load(options().withEnvironment("prod"));
        assertThat(prod.url().display()).isEqualTo("d1:DB?env=prod");
        assertThat(prod.url().jdbcUrl()).endsWith("/00000000-0000-0000-0000-000000000003");
        assertThat(prod.environment()).contains("prod");
        assertThat(prod.settings()).isEqualTo(EnvironmentSettings.NONE);
        assertThatThrownBy(() -> ConfigLoader.load(options().withEnvironment("local")))
                .as("wrangler has not made the local copy yet")
                .hasMessageStartingWith(file
                        + " (environment 'local' is d1-local:DB): database URL 'd1-local:DB': the local D1 database of"
                        + " DB does not exist yet");
    }

    @Test
    void aStrataTomlWithoutUrlsAddsSettingsToTheWranglerEnvironments() throws IOException {
        wrangler("wrangler.toml");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.staging]
                backup = "before-migrate"

                [environments.prod]
                requires = "staging"
                confirm = true
                backup = "before-migrate"
                """);

        assertThat(ConfigLoader.environmentNames(options())).containsExactly("remote", "staging", "prod", "local");
        StrataConfig prod = ConfigLoader.load(options().withEnvironment("prod"));
        assertThat(prod.url().display()).isEqualTo("d1:DB?env=prod");
        assertThat(prod.settings().requires()).contains("staging");
        assertThat(prod.settings().confirm()).isTrue();
        assertThat(prod.settings().backup()).isEqualTo(EnvironmentSettings.BackupPolicy.BEFORE_MIGRATE);
        assertThat(ConfigLoader.load(options().withEnvironment("remote")).settings())
                .isEqualTo(EnvironmentSettings.NONE);
    }

    @Test
    void aRequirementNamingNoEnvironmentListsTheWranglerOnes() throws IOException {
        wrangler("wrangler.toml");
        Files.writeString(project.resolve("strata.toml"), "[environments.prod]\nrequires = \"qa\"\n");

        assertThatThrownBy(() -> ConfigLoader.environmentNames(options()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("strata.toml: [environments.prod] requires = \"qa\", but no environment 'qa' is defined;"
                        + " defined: remote, staging, prod, local");
    }

    @Test
    void aTableNamingNoWranglerEnvironmentStillNeedsItsUrl() throws IOException {
        wrangler("wrangler.toml");
        Files.writeString(project.resolve("strata.toml"), "[environments.qa]\nconfirm = true\n");

        assertThat(ConfigLoader.environmentNames(options()))
                .containsExactly("remote", "staging", "prod", "local", "qa");
        assertThatThrownBy(() -> ConfigLoader.load(options().withEnvironment("qa")))
                .hasMessageContaining("[environments.qa] has no url");
    }

    @Test
    void aStrataTomlThatNamesItsDatabasesKeepsOnlyItsOwnEnvironments() throws IOException {
        wrangler("wrangler.toml");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"
                [environments.prod]
                url = "d1:DB?env=prod"
                """);

        assertThat(ConfigLoader.environmentNames(options())).containsExactly("dev", "prod");
    }
}
