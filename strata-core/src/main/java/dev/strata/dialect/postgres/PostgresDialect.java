package dev.strata.dialect.postgres;

import dev.strata.backup.BackupTool;
import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.ErrorHints;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.IndexDdl;
import dev.strata.dialect.SchemaWriter;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.sql.PostgresSplitter;
import dev.strata.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** PostgreSQL, through pgjdbc. */
public final class PostgresDialect implements Dialect {

    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final SqlSplitter SPLITTER = new PostgresSplitter();

    private PostgresDialect() {}

    @Override
    public String name() {
        return "postgres";
    }

    /** The hints of every PostgreSQL error message; stateless. */
    static final ErrorHints HINTS = new PostgresErrorHints();

    @Override
    public ErrorHints errorHints() {
        return HINTS;
    }

    @Override
    public SqlSplitter splitter() {
        return SPLITTER;
    }

    @Override
    public Database open(DatabaseUrl url, HistorySettings history, Access access, WaitListener waits) {
        String description = describe(url);
        Connection connection = connect(url);
        try {
            if (access == Access.READ) {
                connection.setReadOnly(true);
            }
            return new PostgresDatabase(
                    connection, description, history, url.onlySchema().isPresent(), waits, () -> connect(url));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DatabaseException(
                    "could not prepare the session on " + description + ": " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** How people see the database in messages, password hidden. */
    static String describe(DatabaseUrl url) {
        return "PostgreSQL database " + url.display();
    }

    /** A plain connection with the URL's credentials. */
    static Connection connect(DatabaseUrl url) {
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "strata");
        // pgjdbc forgets every prepared statement after each CREATE, DROP or ALTER by default, so
        // on a shadow database, where every step is DDL, each schema read parsed and planned its
        // catalog queries anew: three fifths of the server's time in a lint. Strata's own repeated
        // queries name their columns, and a statement whose plan does change is re-prepared by
        // PostgreSQL itself. A URL can still set flushCacheOnDdl=true; the URL wins over these.
        properties.setProperty("flushCacheOnDdl", "false");
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        } catch (SQLException e) {
            String message = "could not connect to " + describe(url) + ": " + firstLine(e.getMessage());
            throw new DatabaseException(
                    HINTS.hint(e, ErrorHints.Where.connecting())
                            .map(hint -> HINTS.explain(message, e, ErrorHints.Where.connecting()))
                            .orElse(message + System.lineSeparator()
                                    + "  Check that the server is running, and the host, port, database name,"
                                    + " user and password."),
                    e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message from the driver";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already failing; the first error is the one to report.
        }
    }

    /** {@code -- strata:foreign-keys off} exists for SQLite's table rebuilds; PostgreSQL alters tables in place. */
    @Override
    public java.util.List<String> unsupported(dev.strata.dialect.ExecutableScript script) {
        return script.foreignKeysOff()
                ? java.util.List.of(script.source() + ": '-- strata:foreign-keys off' is for SQLite table rebuilds;"
                        + " PostgreSQL changes tables in place with ALTER TABLE, so remove the directive.")
                : java.util.List.of();
    }

    @Override
    public dev.strata.refactor.AlterWriter alterWriter() {
        return PostgresAlterWriter.INSTANCE;
    }

    @Override
    public IndexDdl indexDdl() {
        return PostgresIndexDdl.INSTANCE;
    }

    @Override
    public SchemaWriter schemaWriter() {
        return PostgresSchemaWriter.INSTANCE;
    }

    @Override
    public ThrowawayDatabase createThrowaway(DatabaseUrl server) {
        return PostgresThrowawayDatabase.create(server);
    }

    /** The server, user and parameters decide; the database the URL names does not. */
    @Override
    public DatabaseUrl throwawayServer(DatabaseUrl url) {
        return url.withDatabase("postgres");
    }

    @Override
    public ThrowawayDatabase copyOf(DatabaseUrl url, java.util.Map<String, String> environment) {
        return PostgresThrowawayDatabase.copyByTemplate(url)
                .<ThrowawayDatabase>map(copy -> copy)
                .orElseGet(() -> Dialect.super.copyOf(url, environment));
    }

    @Override
    public BackupTool backupTool() {
        return PostgresBackupTool.INSTANCE;
    }
}
