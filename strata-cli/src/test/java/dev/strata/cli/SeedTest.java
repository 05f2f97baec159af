package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code strata seed}: listed files only, one transaction, idempotent when written so, never elsewhere. */
class SeedTest {

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();
    String devUrl;
    String prodUrl;

    private void project(String engine) throws IOException {
        devUrl = url(engine, "dev");
        prodUrl = url(engine, "prod");
        env.put("DEV_URL", devUrl);
        env.put("PROD_URL", prodUrl);
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "${env.DEV_URL}"
                seeds = ["dev-users.sql", "demo/orders.sql"]

                [environments.prod]
                url = "${env.PROD_URL}"
                """);
        write(
                "migrations/0001_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                        + "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);");
        write(
                "seeds/dev-users.sql",
                "-- test users\nINSERT INTO users (id, name) VALUES (1, 'alice'), (2, 'bob')\n"
                        + "    ON CONFLICT DO NOTHING;\n");
        write("seeds/demo/orders.sql", "INSERT INTO orders (id, user_id) VALUES (10, 1) ON CONFLICT DO NOTHING;");
        assertThat(strata("--env", "dev", "migrate").exitCode()).isZero();
        assertThat(strata("--env", "prod", "migrate").exitCode()).isZero();
    }

    private String url(String engine, String name) {
        return engine.equals("sqlite") ? "sqlite:" + project.resolve(name + ".db") : PostgresServer.newDatabaseUrl();
    }

    private void write(String relative, String text) throws IOException {
        Files.createDirectories(project.resolve(relative).getParent());
        Files.writeString(project.resolve(relative), text);
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, env, args);
    }

    private List<List<String>> rows(String url) {
        return Jdbc.query(
                url,
                "SELECT u.id, u.name, o.id FROM users u LEFT JOIN orders o ON o.user_id = u.id" + " ORDER BY u.id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void seedingTwiceLeavesTheSameRows(String engine) throws IOException {
        project(engine);

        CliRun first = strata("--env", "dev", "seed");
        List<List<String>> afterFirst = rows(devUrl);
        CliRun second = strata("--env", "dev", "seed");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out())
                .contains("Loaded 2 seed files (2 statements) into dev (")
                .contains("seeds/dev-users.sql, seeds/demo/orders.sql");
        assertThat(afterFirst).containsExactly(List.of("1", "alice", "10"), java.util.Arrays.asList("2", "bob", null));
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(rows(devUrl)).isEqualTo(afterFirst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void anEnvironmentThatListsNoSeedsIsNeverSeeded(String engine) throws IOException {
        project(engine);

        CliRun prod = strata("--env", "prod", "seed");
        CliRun byUrl = strata("--url", devUrl, "seed");

        assertThat(prod.exitCode()).isEqualTo(2);
        assertThat(prod.err())
                .contains("environment 'prod' lists no seeds, so strata seed refuses to load any into"
                        + " it; nothing was changed.");
        assertThat(byUrl.exitCode()).isEqualTo(2);
        assertThat(byUrl.err()).contains("this database was not chosen through one (it came from --url)");
        assertThat(Jdbc.count(prodUrl, "SELECT count(*) FROM users")).isZero();
        assertThat(Jdbc.count(devUrl, "SELECT count(*) FROM users")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aFailingSeedKeepsNothingOfTheRun(String engine) throws IOException {
        project(engine);
        write(
                "seeds/demo/orders.sql",
                "INSERT INTO orders (id, user_id) VALUES (10, 1);\n" + "INSERT INTO no_such_table VALUES (1);\n");

        CliRun run = strata("--env", "dev", "seed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("seeds/demo/orders.sql:2: statement failed: INSERT INTO no_such_table")
                .contains("everything this run loaded was rolled back");
        assertThat(Jdbc.count(devUrl, "SELECT count(*) FROM users")).isZero();
        assertThat(Jdbc.count(devUrl, "SELECT count(*) FROM orders")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aSeedWithItsOwnTransactionsIsRefusedBeforeAnythingRuns(String engine) throws IOException {
        project(engine);
        write(
                "seeds/demo/orders.sql",
                "INSERT INTO orders (id, user_id) VALUES (10, 1);\nBEGIN;\n"
                        + "INSERT INTO orders (id, user_id) VALUES (11, 1);\nCOMMIT;\n");

        CliRun run = strata("--env", "dev", "seed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("seeds/demo/orders.sql: seeds all load in one transaction, so a seed can't"
                        + " run outside one");
        assertThat(Jdbc.count(devUrl, "SELECT count(*) FROM orders")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aMissingSeedFileIsNamedBeforeAnythingRuns(String engine) throws IOException {
        project(engine);
        Files.delete(project.resolve("seeds/demo/orders.sql"));

        CliRun run = strata("--env", "dev", "seed");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("no seed was loaded:")
                .contains("seeds/demo/orders.sql: no such file (listed in [environments.dev] seeds)");
        assertThat(Jdbc.count(devUrl, "SELECT count(*) FROM users")).isZero();
    }
}
