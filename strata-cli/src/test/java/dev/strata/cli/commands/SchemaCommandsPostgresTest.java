package dev.strata.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.cli.CliRun;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dump, drift, plan, check and docs on the PostgreSQL example, against a real server, through the command line. */
class SchemaCommandsPostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    String url;

    @BeforeEach
    void copyTheEventsExample() throws IOException {
        Path example = Path.of("..", "examples", "events-pg");
        Files.copy(example.resolve("strata.toml"), project.resolve("strata.toml"));
        Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(example.resolve("migrations"))) {
            for (Path file : files.toList()) {
                Files.copy(file, project.resolve("migrations").resolve(file.getFileName()));
            }
        }
        url = PostgresServer.newDatabaseUrl();
    }

    private CliRun strata(String... args) {
        return CliRun.run(project, Map.of("DATABASE_URL", url), args);
    }

    private void migrate(String... args) {
        String[] command = Stream.concat(Stream.of("migrate"), Stream.of(args)).toArray(String[]::new);
        CliRun migrate = strata(command);
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
    }

    private static long shadowDatabases() {
        return Jdbc.count(
                "postgres://postgres@localhost:" + PostgresServer.port() + "/postgres",
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_shadow%'");
    }

    @Test
    void dumpReloadsIntoAnEqualSchemaAndMatchesWhatTheMigrationsProduce() throws IOException {
        migrate();

        CliRun dump = strata("dump", "--out", "schema.sql");
        assertThat(dump.exitCode()).as(dump.all()).isZero();
        String sql = Files.readString(project.resolve("schema.sql"));
        assertThat(sql)
                .contains("CREATE TABLE", "events", "FUNCTION public.notify_new_event()")
                .doesNotContain("strata_history");
        CliRun fromFiles = strata("dump", "--from-migrations", "--check", "schema.sql");
        assertThat(fromFiles.exitCode()).as(fromFiles.all()).isZero();

        String copy = PostgresServer.newDatabaseUrl();
        Jdbc.execute(copy, sql);
        CliRun again = CliRun.run(project, Map.of("DATABASE_URL", copy), "dump");
        assertThat(again.out()).isEqualTo(strata("dump").out());
        assertThat(shadowDatabases()).isZero();
    }

    @Test
    void driftNamesAColumnAddedAnIndexDroppedAndAnActionChangedByHand() throws IOException {
        migrate();
        CliRun clean = strata("drift");
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(clean.out()).contains("No drift").contains("matches its 4 applied migrations");

        Jdbc.execute(url, "ALTER TABLE users ADD COLUMN nickname text");
        Jdbc.execute(url, "DROP INDEX idx_events_registry_type");
        Jdbc.execute(
                url,
                "ALTER TABLE triggers DROP CONSTRAINT triggers_user_id_fkey, ADD CONSTRAINT"
                        + " triggers_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE RESTRICT");

        CliRun drift = strata("drift");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out())
                .contains(
                        "  extra users.nickname (text)",
                        "  changed fk triggers.user_id on delete: expected CASCADE, found RESTRICT",
                        "  missing index idx_events_registry_type (on events(registry, event_type))",
                        "3 differences.");
        JsonNode json = JSON.readTree(strata("drift", "--json").out());
        assertThat(json.get("differences").findValuesAsText("change"))
                .containsExactlyInAnyOrder("extra", "changed", "missing");
        assertThat(shadowDatabases()).isZero();
    }

    @Test
    void planShowsThePendingMigrationsChangesComputedOnAThrowawayDatabase() throws IOException {
        migrate("--target", "20250123000004");

        CliRun plan = strata("plan");

        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out())
                .contains(
                        "-- 20250123000008_create_events_table",
                        "--   + table events (11 columns)",
                        "--   + index idx_events_chain_block (on events(chain_id, block_number DESC))",
                        "--   + function notify_new_event()",
                        "--   + trigger events_notify_trigger (on events)",
                        "CREATE TABLE events (");
        JsonNode json = JSON.readTree(strata("plan", "--json").out());
        assertThat(json.get("migrations")).hasSize(1);
        assertThat(json.get("migrations").get(0).get("changes").findValuesAsText("kind"))
                .contains("table", "index", "routine", "trigger");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'events'"))
                .isZero();
        assertThat(shadowDatabases()).isZero();
    }

    @Test
    void checkFindsInvalidIndexesNotValidConstraintsAndMissingTables() throws IOException {
        migrate();
        CliRun healthy = strata("check");
        assertThat(healthy.exitCode()).as(healthy.all()).isZero();

        Jdbc.execute(
                url,
                "INSERT INTO users (username, email, password_hash) VALUES ('a', 'a@x', 'h')," + " ('b', 'b@x', 'h')");
        try {
            Jdbc.execute(url, "CREATE UNIQUE INDEX CONCURRENTLY ix_users_hash ON users (password_hash)");
        } catch (IllegalStateException expected) {
            // The duplicate hashes make it fail, which leaves the index behind INVALID: the case to detect.
        }
        Jdbc.execute(url, "ALTER TABLE events ADD CONSTRAINT positive_block CHECK (block_number > 0) NOT VALID");
        Jdbc.execute(url, "DROP TABLE triggers");

        CliRun sick = strata("check");
        assertThat(sick.exitCode()).isEqualTo(1);
        assertThat(sick.out())
                .contains(
                        "problem (engine): index public.ix_users_hash on users is INVALID",
                        "problem (engine): constraint positive_block on table public.events is NOT VALID",
                        "problem (missing): table triggers is missing (created by 20250123000004_create_triggers_table)",
                        "problem (missing): index idx_triggers_user_id is missing");
        JsonNode json = JSON.readTree(strata("check", "--json").out());
        assertThat(json.get("ok").asBoolean()).isFalse();
    }

    @Test
    void docsDescribeTheExample() {
        CliRun docs = strata("docs");

        assertThat(docs.exitCode()).as(docs.all()).isZero();
        assertThat(project.resolve("docs/migrations.md"))
                .content()
                .contains(
                        "- `triggers.user_id -> users(id)` ON DELETE CASCADE",
                        "- `triggers.registry` 'identity', 'reputation', 'validation'",
                        "None: all migrations are additive.",
                        "triggers }o--|| users : \"user_id\"");
        assertThat(shadowDatabases()).isZero();
    }

    @Test
    void anUnreachableDatabaseIsOneMessageAndExitOne() {
        url = "postgres://postgres:secret-pw@localhost:1/nowhere";

        for (String command : new String[] {"drift", "plan", "check", "dump"}) {
            CliRun run = strata(command);
            assertThat(run.exitCode()).as(command).isEqualTo(1);
            assertThat(run.err())
                    .as(command)
                    .contains("could not connect")
                    .doesNotContain("secret-pw")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aRoleWithoutCreatedbIsToldWhatToDoAndShadowUrlWorksForIt() throws IOException {
        String role = "no_createdb_" + System.nanoTime();
        PostgresServer.execute("CREATE ROLE " + role + " LOGIN");
        String database = PostgresServer.newDatabase();
        String shadow = PostgresServer.newDatabase();
        PostgresServer.execute("ALTER DATABASE " + database + " OWNER TO " + role);
        PostgresServer.execute("ALTER DATABASE " + shadow + " OWNER TO " + role);
        url = "postgres://" + role + "@localhost:" + PostgresServer.port() + "/" + database;
        Jdbc.execute(url, "ALTER SCHEMA public OWNER TO " + role);

        CliRun refused = strata("plan");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("CREATEDB").contains("shadow_url").doesNotContain("\tat ");

        String shadowUrl = "postgres://" + role + "@localhost:" + PostgresServer.port() + "/" + shadow;
        Jdbc.execute(shadowUrl, "ALTER SCHEMA public OWNER TO " + role);
        Files.writeString(
                project.resolve("strata.toml"),
                Files.readString(project.resolve("strata.toml")) + "[migrations]\nshadow_url = \"" + shadowUrl
                        + "\"\n");
        CliRun plan = strata("plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("+ table events (11 columns)");
        CliRun again = strata("plan");
        assertThat(again.exitCode())
                .as("the shadow was emptied after the first use: " + again.all())
                .isZero();
    }

    @Test
    void aMigrationFailingOnTheShadowNamesFileAndLine() throws IOException {
        migrate();
        Files.writeString(
                project.resolve("migrations/20250123000009_broken.up.sql"),
                "-- widen a column\n\nALTER TABLE events ALTER COLUMN missing TYPE text;\n");

        CliRun plan = strata("plan");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err())
                .contains("strata: migrations/20250123000009_broken.up.sql:3: statement failed on the"
                        + " shadow database: ALTER TABLE events ALTER COLUMN missing TYPE text")
                .contains("column \"missing\" of relation \"events\" does not exist")
                .doesNotContain("\tat ");
        assertThat(shadowDatabases()).isZero();
    }
}
