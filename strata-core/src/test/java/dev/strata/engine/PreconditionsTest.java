package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.PreconditionFailedException;
import dev.strata.lint.Finding;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -- strata:require}: checked inside the migration's transaction before its first statement,
 * on a real SQLite file and a real PostgreSQL database.
 */
class PreconditionsTest {

    private static final String HYPERTABLE = "-- strata:require SELECT NOT EXISTS (SELECT 1 FROM events) -- events"
            + " must be empty before it becomes a hypertable\n"
            + "CREATE TABLE event_log (id BIGINT PRIMARY KEY);\n"
            + "ALTER TABLE events ADD COLUMN at_time BIGINT;\n";

    @TempDir
    Path project;

    private String url;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aPreconditionThatHoldsLetsTheMigrationRun(String engine) throws Exception {
        start(engine);
        write("002_hypertable.sql", HYPERTABLE);

        assertThat(strata().migrate().applied())
                .extracting(dev.strata.history.AppliedMigration::name)
                .containsExactly("hypertable");
        assertThat(tableExists("event_log")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aPreconditionThatFailsStopsTheMigrationBeforeAnythingChanges(String engine) throws Exception {
        start(engine);
        execute("INSERT INTO events (id) VALUES (7)");
        write("002_hypertable.sql", HYPERTABLE);

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("002_hypertable.sql:1: precondition not met: events must be empty before it"
                        + " becomes a hypertable")
                .hasMessageContaining("the query SELECT NOT EXISTS (SELECT 1 FROM events)")
                .hasMessageContaining(engine.equals("sqlite") ? "= 0" : "= false")
                .hasMessageContaining("the migration did not run: nothing was changed.");
        assertThat(tableExists("event_log")).isFalse();
        assertThat(pending()).containsExactly("hypertable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aPreconditionWhoseQueryFailsStopsTheMigrationAndSaysSo(String engine) throws Exception {
        start(engine);
        write(
                "002_hypertable.sql",
                "-- strata:require SELECT count(*) = 0 FROM no_such_table -- nothing there yet\n"
                        + "CREATE TABLE event_log (id BIGINT PRIMARY KEY);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .isNotInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("002_hypertable.sql:1: statement failed: SELECT count(*) = 0 FROM no_such_table")
                .hasMessageContaining("the precondition's query failed")
                .hasMessageContaining("no_such_table");
        assertThat(tableExists("event_log")).isFalse();
        assertThat(pending()).containsExactly("hypertable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void lintCatchesAPreconditionThatDoesNotParse(String engine) throws Exception {
        start(engine);
        write(
                "003_unterminated.sql",
                "-- strata:require SELECT 'open -- never closed\nCREATE TABLE a (id BIGINT PRIMARY KEY);\n");
        write("002_misspelt.sql", "-- strata:require SELEC 1 -- misspelt\nCREATE TABLE b (id BIGINT PRIMARY KEY);\n");

        List<Finding> findings =
                strata().lint(new LintRequest(List.of(), false, true)).findings();

        assertThat(findings)
                .filteredOn(f -> f.file().endsWith("003_unterminated.sql"))
                .extracting(Finding::rule, Finding::line)
                .contains(org.assertj.core.groups.Tuple.tuple("syntax", 1));
        assertThat(findings)
                .filteredOn(f ->
                        f.file().endsWith("003_unterminated.sql") && f.rule().equals("syntax"))
                .extracting(Finding::message)
                .anySatisfy(message -> assertThat(message).contains("its query does not parse"));
        // Lexing alone can't see a misspelt keyword: the query runs on the shadow database, which can.
        assertThat(findings)
                .filteredOn(f -> f.file().endsWith("002_misspelt.sql"))
                .extracting(Finding::rule, Finding::line)
                .contains(org.assertj.core.groups.Tuple.tuple("fails-on-shadow", 1));
    }

    private void start(String engine) throws Exception {
        url = engine.equals("sqlite") ? "sqlite:" + project.resolve("app.db") : PostgresServer.newDatabaseUrl();
        write("001_events.sql", "CREATE TABLE events (id BIGINT PRIMARY KEY);\n");
        strata().migrate();
    }

    private void write(String file, String text) throws Exception {
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve(file), text);
    }

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private List<String> pending() {
        return strata().status().migrations().stream()
                .filter(m -> m.state() == MigrationState.PENDING)
                .map(MigrationStatus::name)
                .toList();
    }

    private boolean tableExists(String table) throws SQLException {
        String sql = url.startsWith("sqlite:")
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
                : "SELECT count(*) FROM pg_class WHERE relname = '" + table + "' AND relkind = 'r'";
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return url.startsWith("sqlite:")
                ? DriverManager.getConnection("jdbc:" + url)
                : DriverManager.getConnection(
                        url.replace("postgres://postgres@", "jdbc:postgresql://"), "postgres", "");
    }
}
