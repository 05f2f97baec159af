package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lock_timeout, statement_timeout and lock_retries: defaults, [migrations], environments, and their messages. */
class LockSettingsTest {

    @TempDir
    Path project;

    private StrataConfig load(String toml, String environment) throws IOException {
        Files.writeString(project.resolve("strata.toml"), toml);
        ConfigOptions options = ConfigOptions.in(project).withEnv(Map.of());
        return ConfigLoader.load(environment == null ? options : options.withEnvironment(environment));
    }

    @Test
    void withoutSettingsAMigrationWaitsFiveSecondsForALockAndIsTriedThreeMoreTimes() throws IOException {
        LockSettings locks = load("[migrations]\ndir = \"migrations\"\n", null).locks();

        assertThat(locks).isEqualTo(LockSettings.DEFAULT);
        assertThat(locks.lockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(locks.statementTimeout()).isEmpty();
        assertThat(locks.retries()).isEqualTo(3);
    }

    @Test
    void anEnvironmentOverridesMigrationsKeyByKey() throws IOException {
        String toml = """
                [migrations]
                lock_timeout = "2min"
                statement_timeout = "500ms"
                [environments.dev]
                url = "sqlite:dev.db"
                [environments.prod]
                url = "sqlite:prod.db"
                lock_timeout = "off"
                lock_retries = 10
                """;

        assertThat(load(toml, "dev").locks())
                .isEqualTo(
                        new LockSettings(Optional.of(Duration.ofMinutes(2)), Optional.of(Duration.ofMillis(500)), 3));
        assertThat(load(toml, "prod").locks())
                .isEqualTo(new LockSettings(Optional.empty(), Optional.of(Duration.ofMillis(500)), 10));
    }

    @Test
    void eachMistakeIsRefusedWhenTheFileIsLoadedWithWhatToWrite() {
        refused(
                "[migrations]\nlock_timeout = 5\n",
                "strata.toml: [migrations] lock_timeout must be a duration in quotes, " + Durations.FORM
                        + ", or \"off\"; found a number (write the unit, e.g. lock_timeout = \"5s\")");
        refused(
                "[migrations]\nstatement_timeout = \"5 seconds\"\n",
                "strata.toml: [migrations] statement_timeout = \"5 seconds\" is not a duration; write " + Durations.FORM
                        + ", or \"off\"");
        refused(
                "[migrations]\nlock_timeout = \"0s\"\n",
                "strata.toml: [migrations] lock_timeout = \"0s\": write \"off\" for no limit (PostgreSQL reads 0 as"
                        + " no limit, which a zero here would hide)");
        refused(
                "[environments.dev]\nurl = \"sqlite:dev.db\"\nlock_retries = -1\n",
                "strata.toml: [environments.dev] lock_retries must be a whole number from 0 (never try again) to 100,"
                        + " without quotes (e.g. lock_retries = 3); found -1");
        refused(
                "[migrations]\nlock_retries = \"3\"\n",
                "strata.toml: [migrations] lock_retries must be a whole number from 0 (never try again) to 100,"
                        + " without quotes (e.g. lock_retries = 3); found a string");
    }

    @Test
    void durationsAreReadWithTheirUnit() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(Durations.parse("2min")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("5")).isEmpty();
        assertThat(Durations.parse("5m")).isEmpty();
        assertThat(Durations.spoken(Duration.ofMillis(123_000))).isEqualTo("2 min 3 s");
    }

    private void refused(String toml, String message) {
        assertThatThrownBy(() -> load(toml, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }
}
