package dev.strata.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect.Access;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * strata reads a live database's schema while other sessions may change it (a deploy's migrate while
 * a CI job runs drift). The read takes one snapshot, but PostgreSQL's catalog functions look objects
 * up as they are now, so an object dropped meanwhile is listed and then can't be shown.
 */
class PostgresReadDuringDdlTest {

    private static final String OBJECTS = """
            CREATE TABLE kept (id int PRIMARY KEY, n int CONSTRAINT positive CHECK (n > 0));
            CREATE TABLE gone_table (id int PRIMARY KEY, k int REFERENCES kept);
            CREATE INDEX gone_index ON kept (n);
            CREATE VIEW gone_view AS SELECT id FROM kept;
            CREATE FUNCTION gone_function() RETURNS int LANGUAGE sql AS 'SELECT 2';
            CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE TRIGGER gone_trigger BEFORE INSERT ON kept FOR EACH ROW EXECUTE FUNCTION stamp();
            """;

    private static String databaseWithObjects() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, OBJECTS);
        return url;
    }

    /** Each kind of object dropped after the read's snapshot is told apart from any other failure. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "DROP TABLE gone_table",
                "DROP VIEW gone_view",
                "DROP FUNCTION gone_function()",
                "DROP TRIGGER gone_trigger ON kept",
                "DROP INDEX gone_index"
            })
    void anObjectDroppedAfterTheReadsSnapshotIsSeenAsARace(String drop) throws SQLException {
        String url = databaseWithObjects();
        try (Connection reader = snapshotTakenBeforeTheDrop(url)) {
            Jdbc.execute(url, drop);

            try {
                Schema schema = new PostgresSchemaReader(reader, "public", "strata_history", false).read();
                // Some lookups still find what they need; then the snapshot's schema is whole.
                assertThat(schema.tables())
                        .extracting(table -> table.name().name())
                        .contains("kept");
            } catch (SQLException e) {
                assertThat(CatalogChangedException.isCatalogRace(e))
                        .as("%s", e.getMessage())
                        .isTrue();
            } finally {
                reader.rollback();
            }
        }
    }

    /**
     * The read blocks on the view another session is dropping, and fails once that session commits:
     * strata reads again, on a snapshot without the view, instead of stopping the command.
     */
    @ParameterizedTest
    @ValueSource(strings = {"DROP VIEW gone_view", "DROP TABLE gone_table"})
    void aReadThatMeetsAnObjectDroppedMeanwhileIsMadeAgain(String drop) throws Exception {
        String url = databaseWithObjects();
        var pool = Executors.newSingleThreadExecutor();
        try (Connection dropper = Jdbc.connect(url);
                Database database = PostgresDialect.INSTANCE.open(
                        PostgresFixtures.parse(url), PostgresFixtures.HISTORY, Access.READ, WaitListener.SILENT)) {
            dropper.setAutoCommit(false);
            try (Statement statement = dropper.createStatement()) {
                statement.execute(drop);
            }
            var read = pool.submit(database::schema);
            awaitALockWait(url);
            dropper.commit();

            Schema schema = read.get(60, TimeUnit.SECONDS);
            var names = java.util.stream.Stream.concat(
                            schema.tables().stream().map(table -> table.name().name()),
                            schema.views().stream().map(view -> view.name().name()))
                    .toList();
            assertThat(names).contains("kept").doesNotContain(drop.substring(drop.lastIndexOf(' ') + 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @org.junit.jupiter.api.Test
    void inACallersTransactionTheRaceIsReportedNotRetried() throws SQLException {
        String url = databaseWithObjects();
        try (Connection reader = snapshotTakenBeforeTheDrop(url)) {
            Jdbc.execute(url, "DROP FUNCTION gone_function()");
            assertThatThrownBy(() -> new PostgresSchemaReader(reader, "public", "strata_history", false).read())
                    .isInstanceOf(CatalogChangedException.class)
                    .hasMessage("function gone_function was dropped by another session while strata read the schema");
            reader.rollback();
        }
    }

    /** A session whose transaction's snapshot is taken now, as a read that started just before a drop. */
    private static Connection snapshotTakenBeforeTheDrop(String url) throws SQLException {
        Connection reader = PostgresDialect.connect(PostgresFixtures.parse(url));
        reader.setAutoCommit(false);
        reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = reader.createStatement()) {
            statement.execute("SELECT count(*) FROM pg_class");
        }
        return reader;
    }

    private static void awaitALockWait(String url) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (Jdbc.count(url, "SELECT count(*) FROM pg_locks WHERE NOT granted") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the schema read never waited for the dropping session's lock");
    }
}
