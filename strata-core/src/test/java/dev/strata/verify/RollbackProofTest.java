package dev.strata.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata test} on both engines: up, down, same schema, up again; never on the real database. */
class RollbackProofTest {

    @TempDir
    Path project;

    private RollbackReport prove(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .testRollbacks();
    }

    private void migrations() throws IOException {
        MigrationFiles.write(
                project, "0001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);");
        MigrationFiles.write(project, "0001_users.down.sql", "DROP TABLE users;");
        MigrationFiles.write(
                project,
                "0002_age.up.sql",
                "ALTER TABLE users ADD COLUMN age INTEGER;\n" + "CREATE INDEX ix_users_age ON users (age);");
        MigrationFiles.write(project, "0002_age.down.sql", "DROP INDEX ix_users_age;");
        MigrationFiles.write(project, "0003_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);");
    }

    @Test
    void onSqliteAGoodDownPassesAnIncompleteOneIsShownWithItsDifference() throws IOException {
        migrations();
        String url = "sqlite:" + project.resolve("app.db");

        RollbackReport report = prove(url);

        assertThat(report.ok()).isFalse();
        assertThat(report.results())
                .extracting(RollbackResult::status)
                .containsExactly(
                        RollbackResult.Status.PASSED, RollbackResult.Status.FAILED, RollbackResult.Status.NOT_RUN);
        RollbackResult age = report.results().get(1);
        assertThat(age.differences()).singleElement().asString().contains("users.age");
        assertThat(age.error()).hasValueSatisfying(e -> assertThat(e).contains("duplicate column name: age"));
        assertThat(project.resolve("app.db")).doesNotExist();
    }

    @Test
    void onSqliteACompleteSetOfDownScriptsPasses() throws IOException {
        migrations();
        MigrationFiles.write(
                project, "0002_age.down.sql", "DROP INDEX ix_users_age;\nALTER TABLE users DROP COLUMN age;");

        RollbackReport report = prove("sqlite:" + project.resolve("app.db"));

        assertThat(report.ok()).isTrue();
        assertThat(report.results())
                .extracting(RollbackResult::status)
                .containsExactly(
                        RollbackResult.Status.PASSED, RollbackResult.Status.PASSED, RollbackResult.Status.NO_DOWN);
    }

    @Test
    void onPostgresADownThatFailsOrLeavesSomethingBehindIsReportedAndTheRealDatabaseIsUntouched() throws IOException {
        migrations();
        MigrationFiles.write(
                project, "0002_age.down.sql", "DROP INDEX ix_users_age;\nALTER TABLE users DROP COLUMN age;");
        MigrationFiles.write(
                project, "0003_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, price NUMERIC(12,4));");
        MigrationFiles.write(
                project, "0004_float.up.sql", "ALTER TABLE notes ALTER COLUMN price TYPE DOUBLE PRECISION;");
        MigrationFiles.write(
                project, "0004_float.down.sql", "ALTER TABLE notes ALTER COLUMN price TYPE NUMERIC(10,2);");
        MigrationFiles.write(project, "0005_broken.up.sql", "CREATE TABLE extra (id INTEGER);");
        MigrationFiles.write(project, "0005_broken.down.sql", "DROP TABLE no_such_table;");
        String url = PostgresServer.newDatabaseUrl();

        RollbackReport report = prove(url);

        assertThat(report.results())
                .extracting(RollbackResult::status)
                .containsExactly(
                        RollbackResult.Status.PASSED,
                        RollbackResult.Status.PASSED,
                        RollbackResult.Status.NO_DOWN,
                        RollbackResult.Status.FAILED,
                        RollbackResult.Status.FAILED);
        assertThat(report.results().get(3).differences())
                .singleElement()
                .asString()
                .contains("notes.price")
                .contains("numeric(12,4)")
                .contains("numeric(10,2)");
        assertThat(report.results().get(4).error())
                .hasValueSatisfying(
                        e -> assertThat(e).startsWith("down script failed").contains("no_such_table"));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .isZero();
    }
}
