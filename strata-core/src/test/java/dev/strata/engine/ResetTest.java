package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata reset} on real SQLite and PostgreSQL: drop what the migrations made, apply them again. */
class ResetTest {

    @TempDir
    Path project;

    private Strata strata(String environment, String url) {
        return Strata.configure()
                .projectDir(project)
                .environment(environment)
                .environmentVariables(Map.of("DEV_URL", url))
                .load();
    }

    private void project() throws IOException {
        MigrationFiles.write(
                project,
                "0001_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
                        + "INSERT INTO users (id, name) VALUES (1, 'root');\n");
        MigrationFiles.write(
                project,
                "0002_posts.sql",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));\n"
                        + "CREATE INDEX posts_user ON posts (user_id);\n"
                        + "CREATE VIEW named AS SELECT name FROM users;\n");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "${env.DEV_URL}"

                [environments.shared]
                url = "${env.DEV_URL}"

                [environments.staging]
                url = "${env.DEV_URL}"
                requires = "shared"

                [environments.prod]
                url = "${env.DEV_URL}"
                protected = true
                """);
    }

    private void resetRecreatesTheSchema(String url) throws IOException {
        project();
        Strata dev = strata("dev", url);
        dev.migrate();
        Jdbc.execute(url, "INSERT INTO users (id, name) VALUES (2, 'later')");
        Jdbc.execute(
                url,
                "CREATE TABLE flyway_schema_history (installed_rank INTEGER PRIMARY KEY, version TEXT,"
                        + " description TEXT, type TEXT, script TEXT, checksum INTEGER, installed_by TEXT,"
                        + " installed_on TEXT, execution_time INTEGER, success BOOLEAN)");
        Jdbc.execute(
                url,
                "INSERT INTO flyway_schema_history VALUES (1, '1', 'x', 'SQL', 'V1__x.sql', 0, 'me', 'now',"
                        + " 1, true)");

        ResetResult plan = dev.reset(false, true);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.dropped())
                .anySatisfy(d -> assertThat(d).contains("users"))
                .anySatisfy(d -> assertThat(d).contains("strata_history"))
                .anySatisfy(d -> assertThat(d).contains("named"))
                .anySatisfy(d -> assertThat(d).contains("flyway_schema_history"));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users"))
                .as("a dry run changes nothing")
                .isEqualTo(2);

        ResetResult reset = dev.reset(false, false);
        assertThat(reset.dropped()).isEqualTo(plan.dropped());
        assertThat(reset.migrated().orElseThrow().applied()).hasSize(2);
        assertThat(Jdbc.query(url, "SELECT id, name FROM users")).containsExactly(java.util.List.of("1", "root"));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM named")).isEqualTo(1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM strata_history")).isEqualTo(2);
        assertThat(dev.status().migrations())
                .allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
        assertThat(dev.drift().differences()).isEmpty();

        ResetResult all = dev.reset(true, false);
        assertThat(all.dropped()).anySatisfy(d -> assertThat(d).contains("posts"));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void onSqliteResetRecreatesTheSchemaWithTheMigrationsRowsOnly() throws IOException {
        resetRecreatesTheSchema("sqlite:" + project.resolve("dev.db"));
    }

    @Test
    void onPostgresResetRecreatesTheSchemaWithTheMigrationsRowsOnly() throws IOException {
        resetRecreatesTheSchema(PostgresServer.newDatabaseUrl());
    }

    @Test
    void refusesProtectedEnvironmentsAndOnesAnotherRequires() throws IOException {
        project();
        String url = "sqlite:" + project.resolve("dev.db");
        strata("dev", url).migrate();
        assertThatThrownBy(() -> strata("prod", url).reset(false, false))
                .isInstanceOf(ResetRefusedException.class)
                .hasMessageContaining("'prod' has protected = true");
        assertThatThrownBy(() -> strata("shared", url).reset(false, true))
                .isInstanceOf(ResetRefusedException.class)
                .hasMessageContaining("the one staging requires");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM users")).isEqualTo(1);
    }
}
