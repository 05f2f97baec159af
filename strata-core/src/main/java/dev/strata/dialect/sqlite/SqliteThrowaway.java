package dev.strata.dialect.sqlite;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ThrowawayDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * An empty in-memory SQLite database with a name no one else uses ({@code sqlite::memory:NAME}).
 *
 * <p>A named in-memory database lives while at least one connection is open on it, but strata's
 * migrator opens and closes several sessions one after another, so this object holds one idle
 * connection of its own until {@link #close()}. It is the memdb kind rather than a shared-cache one
 * (see {@link DatabaseUrls}), so {@code BEGIN IMMEDIATE} waits on it as on a file. Sessions still
 * open when this is closed keep the database alive until they close too.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
final class SqliteThrowaway implements ThrowawayDatabase {

    private final DatabaseUrl url;
    private final Connection keeper;

    SqliteThrowaway() {
        this.url = DatabaseUrls.parse("sqlite::memory:strata-throwaway-" + UUID.randomUUID(), Path.of(""));
        try {
            this.keeper = new SQLiteConfig().createConnection(url.jdbcUrl());
        } catch (SQLException e) {
            throw new DatabaseException(
                    "could not create an in-memory SQLite database " + url.display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DatabaseUrl url() {
        return url;
    }

    @Override
    public synchronized void close() {
        try {
            keeper.close();
        } catch (SQLException ignored) {
            // Nothing is left to free: the memory goes with the last connection, closed or not.
        }
    }
}
