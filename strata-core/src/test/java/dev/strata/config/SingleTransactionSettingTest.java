package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code single_transaction} in {@code [migrations]} and per environment: read, the environment first, checked on load. */
class SingleTransactionSettingTest {

    @TempDir
    Path project;

    private StrataConfig load(String toml, String environment) throws IOException {
        Files.writeString(project.resolve("strata.toml"), toml);
        return ConfigLoader.load(ConfigOptions.in(project).withEnv(Map.of()).withEnvironment(environment));
    }

    @Test
    void theEnvironmentsSettingComesBeforeTheMigrationsTablesAndItIsOffByDefault() throws IOException {
        String toml = """
                [migrations]
                single_transaction = true
                [environments.ci]
                url = "sqlite:ci.db"
                [environments.prod]
                url = "sqlite:prod.db"
                single_transaction = false
                """;

        assertThat(load(toml, "ci").singleTransaction()).isTrue();
        assertThat(load(toml, "prod").singleTransaction()).isFalse();
        assertThat(load("[environments.dev]\nurl = \"sqlite:dev.db\"\n", "dev").singleTransaction())
                .isFalse();
    }

    @Test
    void aValueThatIsNotTrueOrFalseIsRefusedWithWhereItIs() {
        assertThatThrownBy(() -> load("[migrations]\nsingle_transaction = \"yes\"\n", null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("strata.toml: [migrations] single_transaction must be true or false, without quotes,"
                        + " e.g. single_transaction = true; found a string");
        assertThatThrownBy(() -> load(
                        "[environments.dev]\nurl = \"sqlite:dev.db\"\n[environments.prod]\nurl = \"sqlite:p.db\"\n"
                                + "single_transaction = 1\n",
                        "dev"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("strata.toml: [environments.prod] single_transaction must be true or false, without"
                        + " quotes, e.g. single_transaction = true; found a number");
    }
}
