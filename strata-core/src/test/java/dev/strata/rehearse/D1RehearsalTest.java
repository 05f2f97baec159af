package dev.strata.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.D1Address;
import dev.strata.dialect.d1.D1Client;
import dev.strata.dialect.d1.D1Statement;
import dev.strata.dialect.d1.D1TestEndpoint;
import dev.strata.rehearse.RehearsalReport.Step;
import dev.strata.rehearse.RehearsalReport.TableRows;
import dev.strata.testing.MigrationFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata rehearse} on remote D1 (the test endpoint): the copy is D1's export loaded into a
 * local SQLite file, the pending migrations run there as migrate would, and the live database's
 * export is the same before and after.
 */
class D1RehearsalTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("live");

    @TempDir
    Path project;

    private String url() {
        return "d1://" + D1.accountId() + "/" + D1.database("live").id();
    }

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url())
                .environmentVariables(D1.environment())
                .load();
    }

    private D1Client client() {
        return new D1Client(
                new D1Address(
                        D1.baseUrl(), D1.accountId(), D1.database("live").id(), "d1_migrations", Optional.empty()),
                D1.apiToken(),
                "test");
    }

    private String export() {
        return client().exportSql(Duration.ofMinutes(1));
    }

    /** Three users applied on D1 (two share an e-mail), one more written by the application; then two pending files. */
    private void history() throws IOException {
        MigrationFiles.write(project, "0001_users.sql", """
                CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
                INSERT INTO users (id, name, email) VALUES (1, 'ada', 'a@example.com'), (2, 'bob', 'b@example.com'),
                  (3, 'cy', 'b@example.com');
                """);
        strata().migrate();
        client().run(D1Statement.of("INSERT INTO users (id, name, email) VALUES (4, 'dee', NULL)"));
        MigrationFiles.write(project, "0002_users_rebuilt.sql", """
                CREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, bio TEXT);
                INSERT INTO users_new (id, name, email) SELECT id, name, email FROM users;
                DROP TABLE users;
                ALTER TABLE users_new RENAME TO users;
                CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
                INSERT INTO audit (id, what) VALUES (1, 'rebuilt users');
                """);
        MigrationFiles.write(project, "0003_unique_email.sql", "CREATE UNIQUE INDEX users_email ON users (email);\n");
    }

    @Test
    void theExportIsRehearsedOnSqliteAndTheDuplicateRowsStopTheUniqueIndexWhileD1StaysTheSame() throws IOException {
        history();
        String before = export();

        RehearsalReport report = strata().rehearse();

        assertThat(report.pending()).isEqualTo(2);
        assertThat(report.copy().description())
                .startsWith("a throwaway sqlite copy (sqlite:")
                .contains("loaded from D1's export", "30 s per batch");
        Step rebuild = report.steps().get(0);
        assertThat(rebuild.migration()).isEqualTo("0002_users_rebuilt");
        assertThat(rebuild.tables())
                .containsExactlyInAnyOrder(new TableRows("users", 4, 4), new TableRows("audit", -1, 1));
        assertThat(report.steps()).hasSize(1);
        assertThat(report.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.migration()).isEqualTo("0003_unique_email");
            assertThat(failure.refusedOnLive()).isFalse();
            assertThat(failure.message()).contains("UNIQUE constraint failed: users.email");
        });
        assertThat(export()).as("the live D1 database is only read").isEqualTo(before);
        assertThat(strata().status().migrations()).hasSize(3);
    }

    @Test
    void whatD1RefusesWhilePlanningIsReportedThoughSqliteWouldRunIt() throws IOException {
        history();
        MigrationFiles.write(project, "0003_unique_email.sql", """
                -- strata:verify SELECT count(*) = 0 FROM users WHERE email IS NULL
                UPDATE users SET email = name || '@example.com' WHERE email IS NULL;
                """);
        String before = export();

        RehearsalReport report = strata().rehearse();

        assertThat(report.steps())
                .as("nothing ran: migrate would refuse the run")
                .isEmpty();
        assertThat(report.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.refusedOnLive()).isTrue();
            assertThat(failure.migration()).isEqualTo(RehearsalReport.Failure.PLANNING);
            assertThat(failure.message()).contains("'-- strata:verify' is not run on remote D1");
        });
        assertThat(RehearsalMarkdown.of(report))
                .contains("migrate would refuse the run on the live database; nothing ran on the copy")
                .contains("## Refused while planning");
        assertThat(export()).isEqualTo(before);
    }
}
