package dev.strata.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.rehearse.RehearsalReport.Step;
import dev.strata.rehearse.RehearsalReport.TableRows;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.Postgres15Server;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata rehearse} on real databases: the pending migrations run on a copy, the report shows
 * the rows of a real rebuild, a failing verify is caught there, and the live database does not change.
 */
class RehearsalTest {

    @TempDir
    Path project;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void path() {
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
    }

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(env)
                .load();
    }

    /** Three users applied live; then a rebuild that adds a column, and a change whose verify fails on those rows. */
    private void history(String url) throws IOException {
        MigrationFiles.write(project, "0001_users.sql", """
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'bob'), (3, 'cy');
                """);
        strata(url).migrate();
        Jdbc.execute(url, "INSERT INTO users (id, name) VALUES (4, 'dee')");
        MigrationFiles.write(project, "0002_users_email.sql", """
                CREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
                INSERT INTO users_new (id, name) SELECT id, name FROM users;
                DROP TABLE users;
                ALTER TABLE users_new RENAME TO users;
                CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
                INSERT INTO audit (id, what) VALUES (1, 'rebuilt users');
                """);
        MigrationFiles.write(project, "0003_emails_required.sql", """
                -- strata:verify SELECT count(*) = 0 FROM users WHERE email IS NULL
                UPDATE users SET email = name || '@example.com' WHERE id < 4;
                """);
    }

    @Test
    void onSqliteTheRebuildIsCountedAndTheFailingVerifyIsCaughtWhileTheFileStaysByteIdentical() throws IOException {
        String url = "sqlite:" + project.resolve("app.db");
        history(url);
        byte[] live = Files.readAllBytes(project.resolve("app.db"));

        RehearsalReport report = strata(url).rehearse();

        assertThat(report.pending()).isEqualTo(2);
        assertThat(report.steps()).hasSize(1);
        Step rebuild = report.steps().get(0);
        assertThat(rebuild.migration()).isEqualTo("0002_users_email");
        assertThat(rebuild.tables())
                .containsExactlyInAnyOrder(new TableRows("users", 4, 4), new TableRows("audit", -1, 1));
        assertThat(report.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.migration()).isEqualTo("0003_emails_required");
            assertThat(failure.message()).contains("email IS NULL");
        });
        assertThat(report.succeeded()).isFalse();
        assertThat(Files.readAllBytes(project.resolve("app.db"))).isEqualTo(live);
        assertThat(strata(url).status().migrations()).hasSize(3);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM strata_history")).isEqualTo(1);
        assertThat(RehearsalMarkdown.of(report))
                .contains(
                        "# Rehearsal of 2 pending migrations on a copy of",
                        "`0003_emails_required` failed on the copy",
                        "users 4 -> 4",
                        "audit (new) -> 1");
    }

    @Test
    void onPostgresTheCopyIsMadeByTemplateAndTheRebuildsLocksAreSeen() throws IOException {
        String url = "postgres://postgres@localhost:" + PostgresServer.port() + "/" + PostgresServer.newDatabase();
        history(url);
        holdLocksAWhile();
        String schemaBefore = dump(url);

        RehearsalReport report = strata(url).rehearse();

        assertThat(report.copy().description()).contains("strata_shadow_");
        Step rebuild = report.steps().get(0);
        assertThat(rebuild.tables())
                .containsExactlyInAnyOrder(new TableRows("users", 4, 4), new TableRows("audit", -1, 1));
        assertThat(rebuild.locks())
                .contains("AccessExclusiveLock on public.users")
                .noneMatch(lock -> lock.contains("strata_history") || lock.contains("pg_toast"));
        assertThat(report.failure())
                .hasValueSatisfying(failure -> assertThat(failure.migration()).isEqualTo("0003_emails_required"));
        assertThat(dump(url)).isEqualTo(schemaBefore);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit'"))
                .isZero();
    }

    @Test
    void onPostgresWithAnApplicationConnectedTheCopyGoesThroughADumpAndEverythingPasses() throws Exception {
        String url = Postgres15Server.newDatabaseUrl();
        history(url);
        MigrationFiles.write(project, "0003_emails_required.sql", """
                -- strata:verify SELECT count(*) = 0 FROM users WHERE email IS NULL
                UPDATE users SET email = name || '@example.com';
                """);
        holdLocksAWhile();

        RehearsalReport report;
        try (Connection application = Jdbc.connect(url);
                Statement statement = application.createStatement()) {
            statement.execute("SELECT 1");
            report = strata(url).rehearse();
        }

        assertThat(report.succeeded()).isTrue();
        assertThat(report.copy().description()).contains("strata_shadow_");
        assertThat(report.steps())
                .extracting(Step::migration)
                .containsExactly("0002_users_email", "0003_emails_required");
        assertThat(report.steps().get(1).locks()).contains("RowExclusiveLock on public.users");
        assertThat(strata(url).status().migrations())
                .filteredOn(status -> status.state() == dev.strata.engine.MigrationState.PENDING)
                .hasSize(2);
    }

    /**
     * Makes each pending migration hold its locks for a moment, so that the sampling, every 10 ms,
     * sees them on a quick machine too.
     */
    private void holdLocksAWhile() throws IOException {
        for (String file : List.of("0002_users_email.sql", "0003_emails_required.sql")) {
            Path path = project.resolve("migrations").resolve(file);
            Files.writeString(path, Files.readString(path) + "SELECT pg_sleep(0.3);\n");
        }
    }

    private static String dump(String url) {
        List<List<String>> rows = Jdbc.query(
                url,
                "SELECT table_name || '.' || column_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' ORDER BY 1");
        return rows.toString()
                + Jdbc.query(url, "SELECT * FROM users ORDER BY id")
                + Jdbc.query(url, "SELECT version FROM strata_history ORDER BY version");
    }
}
