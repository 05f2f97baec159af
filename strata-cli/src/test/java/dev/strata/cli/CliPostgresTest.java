package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL example, run through the command line against a real server. */
class CliPostgresTest {

    @TempDir
    Path project;

    @Test
    void theEventsExampleMigratesFiresItsTriggersAndRevertsCompletely() throws IOException {
        Path example = Path.of("..", "examples", "events-pg");
        Files.copy(example.resolve("strata.toml"), project.resolve("strata.toml"));
        Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(example.resolve("migrations"))) {
            for (Path file : files.toList()) {
                Files.copy(file, project.resolve("migrations").resolve(file.getFileName()));
            }
        }
        String url = PostgresServer.newDatabaseUrl();
        Map<String, String> env = Map.of("DATABASE_URL", url);

        CliRun validate = CliRun.run(project, env, "validate");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        CliRun migrate = CliRun.run(project, env, "migrate");
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();

        JsonNode status = new ObjectMapper()
                .readTree(CliRun.run(project, env, "status", "--json").out());
        assertThat(status.get("migrations")).hasSize(4);
        status.get("migrations")
                .forEach(m -> assertThat(m.get("state").asText()).isEqualTo("applied"));
        assertThat(status.get("migrations").get(0).get("version").asText()).isEqualTo("20250123000002");

        Jdbc.execute(url, "INSERT INTO users (username, email, password_hash) VALUES ('alice', 'a@example.com', 'x')");
        String before = Jdbc.query(url, "SELECT updated_at FROM users").get(0).get(0);
        Jdbc.execute(url, "UPDATE users SET email = 'alice@example.com'");
        assertThat(Jdbc.query(url, "SELECT updated_at FROM users").get(0).get(0))
                .isNotEqualTo(before);

        CliRun down = CliRun.run(project, env, "down", "--all");
        assertThat(down.exitCode()).as(down.all()).isZero();
        assertThat(down.out()).contains("Reverted 4 migrations");
        assertThat(Jdbc.query(
                        url,
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                                + " AND table_name NOT LIKE 'strata_history%'"))
                .isEmpty();
        assertThat(Jdbc.query(
                        url,
                        "SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                                + " WHERE n.nspname = 'public'"))
                .isEmpty();
    }
}
