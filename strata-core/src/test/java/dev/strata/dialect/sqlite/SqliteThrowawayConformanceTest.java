package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.engine.DialectConformanceTest;
import dev.strata.testing.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole conformance suite on SQLite throwaway databases: in memory, shared by every session
 * strata opens, and locked like a file, so concurrent runs wait for each other there too.
 */
class SqliteThrowawayConformanceTest extends DialectConformanceTest {

    private ThrowawayDatabase throwaway;

    @Override
    protected String newDatabaseUrl(Path folder) {
        throwaway = SqliteDialect.INSTANCE.createThrowaway(DatabaseUrls.parse("sqlite:unused.db", folder));
        return throwaway.url().display();
    }

    @AfterEach
    void dropThrowaway() {
        throwaway.close();
    }

    @Override
    protected String tableListQuery() {
        return "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name";
    }

    @Override
    protected AutoCloseable holdMigrationLock() throws Exception {
        Connection writer = Jdbc.connect(url);
        writer.createStatement().execute("BEGIN IMMEDIATE");
        return () -> {
            writer.createStatement().execute("ROLLBACK");
            writer.close();
        };
    }

    @Override
    protected String waitingFor() {
        return "another process is writing to SQLite database " + url;
    }

    @Override
    protected void assertDatabaseEmpty() {
        assertThat(tables()).isEmpty();
    }
}
