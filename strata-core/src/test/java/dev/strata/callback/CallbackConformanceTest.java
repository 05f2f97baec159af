package dev.strata.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.engine.LintRequest;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.engine.StatusReport;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.Severity;
import dev.strata.source.MigrationSourceException;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL callbacks of {@code migrations/callbacks/} and Java {@link Callback}s on a real database:
 * their order, the transaction each runs in, {@code status} and {@code lint}. Each engine runs the
 * same tests through a subclass.
 */
abstract class CallbackConformanceTest {

    /** Appends an event to callback_log, numbered in order, in plain SQL both engines run. */
    private static String log(String event) {
        return "INSERT INTO callback_log (n, event) SELECT COUNT(*) + 1, '" + event + "' FROM callback_log;\n";
    }

    @TempDir
    Path project;

    String url;

    /** Every event the Java callback heard, with its migration or failure. */
    final List<String> heard = new ArrayList<>();

    final Callback recorder = new Callback() {
        @Override
        public void on(CallbackContext context) {
            heard.add(context.event().method()
                    + context.migration().map(m -> " " + m).orElse("")
                    + context.failure().map(f -> " failure").orElse(""));
        }
    };

    /** A URL of an empty database that only this test uses. */
    abstract String newDatabaseUrl(Path folder);

    @BeforeEach
    void freshDatabase() throws IOException {
        url = newDatabaseUrl(project);
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n");
        write("0002_u.sql", "CREATE TABLE u (id INTEGER PRIMARY KEY);\n");
    }

    Strata strata(Callback... callbacks) {
        Strata.Builder builder = Strata.configure().projectDir(project).url(url).environmentVariables(Map.of());
        for (Callback callback : callbacks) {
            builder.callback(callback);
        }
        return builder.load();
    }

    void write(String file, String sql) throws IOException {
        Path path = project.resolve("migrations").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, sql);
    }

    void callback(CallbackEvent event, String sql) throws IOException {
        write("callbacks/" + event.fileName(), sql);
    }

    /** The names of the user's tables that exist of {@code names}. */
    boolean tableExists(String table) {
        try (java.sql.Connection connection = Jdbc.connect(url);
                java.sql.ResultSet rows = connection.getMetaData().getTables(null, null, table, null)) {
            return rows.next();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> logged() {
        return Jdbc.query(url, "SELECT event FROM callback_log ORDER BY n").stream()
                .map(row -> row.get(0))
                .toList();
    }

    @Test
    void sqlThenJavaCallbacksRunAtEachMomentInOrderAndAreNeverRecorded() throws IOException {
        callback(
                CallbackEvent.BEFORE_MIGRATE,
                "CREATE TABLE IF NOT EXISTS callback_log (n INTEGER, event TEXT);\n" + log("before-migrate"));
        callback(CallbackEvent.BEFORE_EACH, log("before-each"));
        callback(CallbackEvent.AFTER_EACH, log("after-each"));
        callback(CallbackEvent.AFTER_MIGRATE, log("after-migrate"));
        callback(CallbackEvent.AFTER_MIGRATE_ERROR, log("after-migrate-error"));

        strata(recorder).migrate();

        assertThat(logged())
                .containsExactly(
                        "before-migrate", "before-each", "after-each", "before-each", "after-each", "after-migrate");
        assertThat(heard)
                .containsExactly(
                        "beforeMigrate",
                        "beforeEach 0001_t",
                        "afterEach 0001_t",
                        "beforeEach 0002_u",
                        "afterEach 0002_u",
                        "afterMigrate");
        StatusReport status = strata().status();
        assertThat(status.migrations()).extracting(m -> m.version().text()).containsExactly("0001", "0002");
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history")).isEqualTo(2);
    }

    @Test
    void nothingPendingRunsNoCallback() throws IOException {
        strata().migrate();
        callback(CallbackEvent.BEFORE_MIGRATE, "CREATE TABLE callback_log (n INTEGER, event TEXT);\n");

        strata(recorder).migrate();

        assertThat(tableExists("callback_log")).isFalse();
        assertThat(heard).isEmpty();
    }

    @Test
    void anAfterEachFailureRollsItsMigrationBackThenAfterMigrateErrorRuns() throws IOException {
        callback(
                CallbackEvent.AFTER_EACH,
                "INSERT INTO t (id, name) VALUES (1, 'after each');\n" + "INSERT INTO no_such_table VALUES (1);\n");
        callback(CallbackEvent.AFTER_MIGRATE_ERROR, "CREATE TABLE migrate_failed (n INTEGER);\n");

        assertThatThrownBy(() -> strata(recorder).migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/callbacks/after-each.sql:2")
                .hasMessageContaining("rolled back");

        // The migration, the callback's own insert and its history row went together.
        assertThat(tableExists("t")).isFalse();
        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM strata_history")).isZero();
        assertThat(tableExists("migrate_failed")).isTrue();
        assertThat(heard).containsExactly("beforeMigrate", "beforeEach 0001_t", "afterMigrateError failure");
    }

    @Test
    void aJavaAfterEachFailureRollsBackOnlyThatMigration() {
        Callback failing = new Callback() {
            @Override
            public void afterEach(CallbackContext context) {
                if (context.migration().orElseThrow().equals("0002_u")) {
                    throw new IllegalStateException("refuse u");
                }
            }
        };

        assertThatThrownBy(() -> strata(failing, recorder).migrate())
                .isInstanceOf(CallbackFailedException.class)
                .hasMessageContaining(".afterEach for 0002_u failed: java.lang.IllegalStateException: refuse u")
                .hasMessageContaining("the migration was rolled back");

        assertThat(tableExists("t")).isTrue();
        assertThat(tableExists("u")).isFalse();
        assertThat(Jdbc.query(url, "SELECT version FROM strata_history")).containsExactly(List.of("0001"));
        assertThat(heard).last().isEqualTo("afterMigrateError failure");
    }

    @Test
    void beforeMigrateAndAfterMigrateRunInTransactionsOfTheirOwn() throws IOException {
        // before-migrate commits on its own; its failure stops the run before any migration.
        callback(
                CallbackEvent.BEFORE_MIGRATE,
                "CREATE TABLE IF NOT EXISTS callback_log (n INTEGER, event TEXT);\n" + log("before-migrate")
                        + "INSERT INTO no_such_table VALUES (1);\n");
        callback(CallbackEvent.AFTER_MIGRATE_ERROR, "CREATE TABLE migrate_failed (n INTEGER);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/callbacks/before-migrate.sql:3");

        // Its statements were rolled back together; after-migrate-error then committed in a transaction of its own.
        assertThat(tableExists("t")).isFalse();
        assertThat(tableExists("callback_log")).isFalse();
        assertThat(tableExists("migrate_failed")).isTrue();
    }

    @Test
    void statusListsTheCallbacks() throws IOException {
        callback(CallbackEvent.AFTER_MIGRATE, "SELECT 1;\n");
        callback(CallbackEvent.BEFORE_EACH, "SELECT 1;\n");
        write("callbacks/README.md", "not SQL: left alone\n");

        StatusReport status = strata().status();

        assertThat(status.callbacks())
                .extracting(CallbackFile::event)
                .containsExactly(CallbackEvent.BEFORE_EACH, CallbackEvent.AFTER_MIGRATE);
        assertThat(status.document().get("callbacks"))
                .isEqualTo(List.of(
                        Map.of("event", "before-each", "file", "migrations/callbacks/before-each.sql"),
                        Map.of("event", "after-migrate", "file", "migrations/callbacks/after-migrate.sql")));
        assertThat(status.migrations()).hasSize(2);
    }

    @Test
    void lintAndTheGateFindAnErrorInACallback() throws IOException {
        callback(CallbackEvent.AFTER_MIGRATE, "SELECT 1;\nDELETE FROM t;\n");

        LintReport report = strata().lint(LintRequest.everything());

        assertThat(report.errors())
                .extracting(Finding::file, Finding::line, Finding::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "migrations/callbacks/after-migrate.sql", 2, "delete-without-where"));
        assertThat(report.errors()).extracting(Finding::severity).containsOnly(Severity.ERROR);
        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/callbacks/after-migrate.sql:2")
                .hasMessageContaining("delete-without-where");
        assertThat(tableExists("t")).isFalse();
    }

    @Test
    void aFileWithAnUnknownCallbackNameIsRefused() throws IOException {
        write("callbacks/beforeMigrate.sql", "SELECT 1;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/callbacks/beforeMigrate.sql: not a callback name")
                .hasMessageContaining("before-migrate.sql");
        assertThat(tableExists("t")).isFalse();
    }
}
