package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.EnvironmentSettings.BackupPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment keys requires, confirm, backup, keep and seeds: read, checked when loading, sealed. */
class EnvironmentSettingsTest {

    @TempDir
    Path project;

    private StrataConfig load(String toml, String environment) throws IOException {
        Files.writeString(project.resolve("strata.toml"), toml);
        return ConfigLoader.load(ConfigOptions.in(project).withEnv(Map.of()).withEnvironment(environment));
    }

    private void refused(String environmentTable, String message) {
        assertThatThrownBy(() -> load("""
                [environments.dev]
                url = "sqlite:dev.db"
                [environments.staging]
                url = "sqlite:staging.db"
                [environments.prod]
                url = "sqlite:prod.db"
                """ + environmentTable, "dev"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void everySettingIsReadIntoTheChosenEnvironment() throws IOException {
        StrataConfig prod = load("""
                environment = "dev"
                [environments.dev]
                url = "sqlite:dev.db"
                seeds = ["dev-users.sql", "demo/orders.sql"]
                [environments.staging]
                url = "sqlite:staging.db"
                [environments.prod]
                url = "sqlite:prod.db"
                requires = "staging"
                confirm = true
                backup = "before-migrate"
                keep = 5
                """, "prod");

        assertThat(prod.settings())
                .isEqualTo(new EnvironmentSettings(
                        Optional.of("staging"), true, BackupPolicy.BEFORE_MIGRATE, OptionalInt.of(5), List.of()));
        assertThat(prod.environments()).containsExactly("dev", "staging", "prod");
        assertThat(load(Files.readString(project.resolve("strata.toml")), "dev")
                        .settings()
                        .seeds())
                .containsExactly("dev-users.sql", "demo/orders.sql");
    }

    @Test
    void aRunWithoutAnEnvironmentHasNoSettings() throws IOException {
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "sqlite:prod.db"
                confirm = true
                """);
        StrataConfig viaUrl =
                ConfigLoader.load(ConfigOptions.in(project).withEnv(Map.of()).withUrl("sqlite:x.db"));

        assertThat(viaUrl.settings()).isEqualTo(EnvironmentSettings.NONE);
        assertThat(viaUrl.environment()).isEmpty();
    }

    @Test
    void requiresMustNameAnotherDefinedEnvironment() {
        refused(
                "requires = \"stagin\"\n",
                "strata.toml: [environments.prod] requires = \"stagin\", but no"
                        + " environment 'stagin' is defined; defined: dev, staging, prod");
        refused(
                "requires = \"prod\"\n",
                "strata.toml: [environments.prod] requires = \"prod\" names the"
                        + " environment itself; name the environment migrations must reach first, e.g. requires ="
                        + " \"staging\"");
        refused(
                "requires = [\"staging\"]\n",
                "strata.toml: [environments.prod] requires must name one environment"
                        + " in quotes, e.g. requires = \"staging\"; found a list");
    }

    @Test
    void aCircleOfRequirementsIsRefused() {
        assertThatThrownBy(() -> load("""
                [environments.staging]
                url = "sqlite:staging.db"
                requires = "prod"
                [environments.prod]
                url = "sqlite:prod.db"
                requires = "staging"
                """, "staging"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("go round in a circle (staging requires prod requires staging)");
    }

    @Test
    void anUnusedEnvironmentIsCheckedToo() {
        // dev is the one loaded; the mistake is in prod, and is still reported before anything runs.
        refused(
                "confirm = \"yes\"\n",
                "strata.toml: [environments.prod] confirm must be true or false, without" + " quotes; found a string");
    }

    @Test
    void backupKeepAndSeedsAreChecked() {
        refused(
                "backup = \"always\"\n",
                "strata.toml: [environments.prod] backup = \"always\" is not a backup"
                        + " policy; use \"never\" or \"before-migrate\"");
        refused(
                "backup = true\n",
                "strata.toml: [environments.prod] backup must be \"never\" or"
                        + " \"before-migrate\"; found true/false");
        refused(
                "keep = 0\n",
                "strata.toml: [environments.prod] keep must be a whole number of backups, 1 or"
                        + " more, without quotes (e.g. keep = 5); found 0");
        refused(
                "keep = \"5\"\n",
                "strata.toml: [environments.prod] keep must be a whole number of backups, 1 or"
                        + " more, without quotes (e.g. keep = 5); found a string");
        refused(
                "seeds = \"users.sql\"\n",
                "strata.toml: [environments.prod] seeds must be a list of files of"
                        + " the seeds folder, e.g. seeds = [\"dev-users.sql\"]; found a string");
        refused(
                "seeds = [\"../secrets.sql\"]\n",
                "strata.toml: [environments.prod] seeds: \"../secrets.sql\""
                        + " leads out of the seeds folder; name a file inside it");
        refused(
                "seeds = [\"/etc/users.sql\"]\n",
                "strata.toml: [environments.prod] seeds: \"/etc/users.sql\" is"
                        + " an absolute path; name a file inside the seeds folder");
        refused(
                "seeds = [\"users.csv\"]\n",
                "strata.toml: [environments.prod] seeds: \"users.csv\" is not a .sql" + " file");
        refused(
                "seeds = [\"a.sql\", \"a.sql\"]\n",
                "strata.toml: [environments.prod] seeds lists \"a.sql\"" + " twice; list each file once");
    }

    @Test
    void environmentKeysElsewhereSayWhereTheyBelong() {
        assertThatThrownBy(() -> load("keep = 3\n[environments.dev]\nurl = \"sqlite:dev.db\"\n", "dev"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("strata.toml: 'keep' at the top level is a setting of one environment; move it into"
                        + " an [environments.NAME] table");
        assertThatThrownBy(() -> load("[migrations]\nseeds = [\"a.sql\"]\n", "dev"))
                .hasMessageContaining("'seeds' in [migrations] is a setting of one environment");
    }
}
