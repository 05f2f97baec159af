package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata status --all-envs} over a SQLite dev, a real PostgreSQL staging, a prod whose server
 * is down and a qa whose URL variable is not set.
 */
class AllEnvironmentsStatusTest {

    private static final String PASSWORD = "pr0d-s3cret-pw";

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();
    String stagingUrl;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        write("0001_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        write("0002_orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);");
        write("0003_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);");
        stagingUrl = PostgresServer.newDatabaseUrl();
        env.put("STAGING_URL", stagingUrl);
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"

                [environments.staging]
                url = "${env.STAGING_URL}"

                [environments.prod]
                url = "postgres://app:%s@127.0.0.1:%d/prod"
                requires = "staging"

                [environments.qa]
                url = "${env.QA_URL}"
                """.formatted(PASSWORD, closedPort()));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, env, args);
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void showsEveryEnvironmentAndExitsOneWhenSomeCannotBeRead() {
        assertThat(strata("--env", "dev", "migrate").exitCode()).isZero();
        assertThat(strata("--env", "staging", "migrate", "--target", "0002").exitCode())
                .isZero();
        Jdbc.execute(stagingUrl, "UPDATE strata_history SET checksum = 'edited' WHERE version = '0002'");

        CliRun run = strata("status", "--all-envs");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("dev +SQLite database sqlite:dev.db")
                .containsPattern("staging +PostgreSQL database")
                .containsPattern("prod +unreachable: could not connect to PostgreSQL database")
                .contains("qa       unreachable: strata.toml: environment variable QA_URL is not set")
                .containsPattern("VERSION +NAME +dev +staging +prod +qa")
                .containsPattern("0001 +users +applied +applied +\\? +\\?")
                .containsPattern("0002 +orders +applied +changed +\\? +\\?")
                .containsPattern("0003 +items +applied +pending +\\? +\\?");
        assertThat(run.err()).contains("2 of 4 environments could not be read");
        assertThat(run.all()).doesNotContain(PASSWORD).contains("app:***@");
    }

    @Test
    void jsonHasOneStatePerEnvironment() throws IOException {
        assertThat(strata("--env", "dev", "migrate").exitCode()).isZero();
        Files.delete(project.resolve("migrations/0001_users.sql"));

        CliRun run = strata("status", "--all-envs", "--json");

        JsonNode document = new ObjectMapper().readTree(run.out());
        assertThat(document.get("all_reachable").asBoolean()).isFalse();
        assertThat(document.get("environments")).hasSize(4);
        assertThat(document.get("environments").get(0).get("reachable").asBoolean())
                .isTrue();
        assertThat(document.get("environments").get(2).get("name").asText()).isEqualTo("prod");
        assertThat(document.get("environments").get(2).get("reachable").asBoolean())
                .isFalse();
        assertThat(document.get("environments").get(2).get("error").asText()).contains("could not connect");
        JsonNode first = document.get("migrations").get(0);
        assertThat(first.get("version").asText()).isEqualTo("0001");
        assertThat(first.get("file").isNull()).isTrue();
        assertThat(first.get("states").get("dev").asText()).isEqualTo("missing");
        assertThat(first.get("states").get("staging").asText()).isEqualTo("absent");
        assertThat(first.get("states").get("prod").isNull()).isTrue();
        assertThat(document.get("migrations")
                        .get(1)
                        .get("states")
                        .get("staging")
                        .asText())
                .isEqualTo("pending");
        assertThat(run.all()).doesNotContain(PASSWORD);
    }

    @Test
    void exitsZeroWhenEveryEnvironmentIsRead() throws IOException {
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"
                [environments.staging]
                url = "${env.STAGING_URL}"
                """);
        assertThat(strata("--env", "staging", "migrate").exitCode()).isZero();

        CliRun run = strata("status", "--all-envs");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("0003 +items +pending +applied");
        assertThat(project.resolve("dev.db")).as("status only reads").doesNotExist();
    }

    @Test
    void refusesUrlOrEnvAndAProjectWithoutEnvironments() throws IOException {
        CliRun withEnv = strata("--env", "dev", "status", "--all-envs");
        assertThat(withEnv.exitCode()).isEqualTo(2);
        assertThat(withEnv.err()).contains("don't combine it with --env");

        Files.writeString(project.resolve("strata.toml"), "[migrations]\ndir = \"migrations\"\n");
        CliRun none = strata("status", "--all-envs");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("strata.toml: it defines none; add an [environments.NAME] table");

        Files.delete(project.resolve("strata.toml"));
        CliRun noFile = strata("status", "--all-envs");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("there is no strata.toml");
    }
}
