package dev.strata.backup;

import dev.strata.testing.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** The backup conformance suite on SQLite files, through SQLite's online backup API. */
class SqliteBackupTest extends BackupConformanceTest {

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    String newDatabaseUrl() {
        return "sqlite:" + project.resolve("db" + databases.incrementAndGet() + ".db");
    }

    @Override
    String withPassword(String url, String password) {
        return url; // SQLite URLs carry no password.
    }

    @Override
    AutoCloseable holdLock(String url) throws SQLException {
        Connection connection = Jdbc.connect(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        }
        return connection::close;
    }

    /** A restore waits for another connection's lock up to busy_timeout (10 minutes by default). */
    @Override
    String withShortLockWait(String url) {
        return url + "?busy_timeout=1000";
    }

    @Override
    boolean tableExists(String url, String table) {
        return Jdbc.count(url, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")
                > 0;
    }

    @Override
    String extension() {
        return "sqlite";
    }
}
