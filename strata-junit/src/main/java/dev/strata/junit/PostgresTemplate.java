package dev.strata.junit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated database on the embedded PostgreSQL server; each copy is a new database made from it
 * with {@code CREATE DATABASE ... TEMPLATE}, which copies files instead of replaying SQL.
 */
final class PostgresTemplate implements TemplateDatabase {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final EmbeddedServer server;
    private final String template;

    private PostgresTemplate(EmbeddedServer server, String template) {
        this.server = server;
        this.template = template;
    }

    static PostgresTemplate migrate(EmbeddedServer server, Migrations migrations) {
        String name = "strata_template_" + NAMES.incrementAndGet();
        server.execute("CREATE DATABASE " + name);
        // Strata closes its connections when it is done: a template must have none open.
        return migrations.applyTo(new PostgresTemplate(server, name), server.strataUrl(name));
    }

    @Override
    public MigratedDatabase copy() {
        String name = template + "_test_" + NAMES.incrementAndGet();
        // FILE_COPY (PostgreSQL 15 and later) copies the template's files in one go; the default,
        // WAL_LOG, writes every block through the WAL, which costs more for the small databases of
        // tests. Its checkpoint is cheap on the embedded server, which runs without fsync.
        server.execute("CREATE DATABASE " + name + " TEMPLATE " + template
                + (server.versionNumber() >= 150000 ? " STRATEGY FILE_COPY" : ""));
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(server.jdbcUrl(name));
        dataSource.setUser(EmbeddedServer.USER);
        return new MigratedDatabase(server.strataUrl(name), server.jdbcUrl(name), dataSource);
    }

    @Override
    public void drop(MigratedDatabase copy) {
        String name = copy.jdbcUrl().substring(copy.jdbcUrl().lastIndexOf('/') + 1);
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public void close() {
        server.execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
    }

    /** Runs one statement on the server's maintenance database. */
    static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "'" + sql + "' failed on the embedded PostgreSQL server: " + e.getMessage(), e);
        }
    }
}
