package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code confirm = true}: migrate lists and asks; --yes skips the question; no terminal, no run. */
class ConfirmTest {

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();
    final List<String> prompts = new ArrayList<>();
    String url;

    private void project(String engine) throws IOException {
        url = engine.equals("sqlite") ? "sqlite:" + project.resolve("prod.db") : PostgresServer.newDatabaseUrl();
        env.put("PROD_URL", url);
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "${env.PROD_URL}"
                confirm = true
                """);
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER);");
        Files.writeString(project.resolve("migrations/0002_orders.sql"), "CREATE TABLE orders (id INTEGER);");
    }

    private Optional<Terminal> answering(String answer) {
        return Optional.of(prompt -> {
            prompts.add(prompt);
            return answer;
        });
    }

    private long applied() {
        return url.startsWith("sqlite:") && !Files.exists(project.resolve("prod.db"))
                ? 0
                : Jdbc.count(
                        url,
                        url.startsWith("sqlite:")
                                ? "SELECT count(*) FROM sqlite_master WHERE name IN ('users', 'orders')"
                                : "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('users', 'orders')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void withoutATerminalItRefusesAndSaysToPassYes(String engine) throws IOException {
        project(engine);

        CliRun run = CliRun.run(project, env, "--env", "prod", "migrate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "environment 'prod' has confirm = true, and there is no terminal to ask on;"
                                + " nothing was applied. Pass --yes to apply without asking (strata --env prod migrate --yes).");
        assertThat(applied()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void yesAppliesWithoutAsking(String engine) throws IOException {
        project(engine);

        CliRun run = CliRun.run(answering("n"), project, env, "--env", "prod", "migrate", "--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(prompts).isEmpty();
        assertThat(applied()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void itListsWhatItWillApplyAndAppliesOnYes(String engine) throws IOException {
        project(engine);

        CliRun run = CliRun.run(answering("y"), project, env, "--env", "prod", "migrate");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err())
                .contains("About to apply 2 migrations to prod (")
                .containsPattern("  0001_users +migrations/0001_users.sql")
                .containsPattern("  0002_orders +migrations/0002_orders.sql");
        assertThat(prompts).containsExactly("Apply them? [y/N] ");
        assertThat(applied()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void anythingButYesAppliesNothing(String engine) throws IOException {
        project(engine);

        CliRun no = CliRun.run(answering(""), project, env, "--env", "prod", "migrate");
        CliRun endOfInput = CliRun.run(answering(null), project, env, "--env", "prod", "migrate");

        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.err())
                .contains("nothing was applied to prod")
                .contains("the 2 pending migrations were not" + " confirmed");
        assertThat(endOfInput.exitCode()).isEqualTo(1);
        assertThat(applied()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void nothingIsAskedWhenNothingIsPendingOrForADryRun(String engine) throws IOException {
        project(engine);
        assertThat(CliRun.run(project, env, "--env", "prod", "migrate", "--yes").exitCode())
                .isZero();

        CliRun upToDate = CliRun.run(project, env, "--env", "prod", "migrate");
        Files.writeString(project.resolve("migrations/0003_items.sql"), "CREATE TABLE items (id INTEGER);");
        CliRun dryRun = CliRun.run(project, env, "--env", "prod", "migrate", "--dry-run");

        assertThat(upToDate.exitCode()).as(upToDate.all()).isZero();
        assertThat(upToDate.out()).contains("is up to date");
        assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
        assertThat(dryRun.out()).contains("1 migration would be applied");
    }
}
