package dev.strata.dialect.sqlite;

import dev.strata.backup.BackupTool;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.IndexDdl;
import dev.strata.dialect.SchemaWriter;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqliteSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;

/** SQLite and Cloudflare D1 (which is SQLite). */
public final class SqliteDialect implements Dialect {

    public static final SqliteDialect INSTANCE = new SqliteDialect();

    private static final SqlSplitter SPLITTER = new SqliteSplitter();
    private static final DatabaseUrl IN_MEMORY = DatabaseUrls.parse("sqlite::memory:", Path.of(""));

    private SqliteDialect() {}

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public SqlSplitter splitter() {
        return SPLITTER;
    }

    /** The hints of every SQLite error message; stateless. */
    static final dev.strata.dialect.ErrorHints HINTS = new SqliteErrorHints();

    @Override
    public dev.strata.dialect.ErrorHints errorHints() {
        return HINTS;
    }

    @Override
    public Database open(DatabaseUrl url, HistorySettings history, Access access, WaitListener waits) {
        String description = "SQLite database " + url.display();
        String jdbcUrl = url.jdbcUrl();
        if (url.sqliteFile().isPresent()) {
            Path file = url.sqliteFile().get();
            requirePlainFile(url, file);
            if (access == Access.READ && !Files.exists(file)) {
                // Reading a database that does not exist yet must not create it: an empty in-memory
                // database answers every question the same way.
                jdbcUrl = "jdbc:sqlite::memory:";
                description += " (not created yet)";
            } else if (file.toAbsolutePath().getParent() != null
                    && !Files.isDirectory(file.toAbsolutePath().getParent())) {
                throw new DatabaseException("the folder of " + description + " does not exist: "
                        + file.toAbsolutePath().getParent() + "; create it or fix the URL.");
            }
        }
        Duration maximumWait = SqliteConnections.maximumWait(url.jdbcUrl());
        try {
            Connection connection = SqliteConnections.open(
                    jdbcUrl,
                    access == Access.READ ? SqliteConnections.Mode.READ : SqliteConnections.Mode.WRITE,
                    maximumWait,
                    new SQLiteConfig(),
                    description,
                    waits);
            return new SqliteDatabase(connection, description, history, waits, maximumWait);
        } catch (SQLException e) {
            throw new DatabaseException(
                    HINTS.explain(
                            "could not open " + description + ": " + e.getMessage(),
                            e,
                            dev.strata.dialect.ErrorHints.Where.connecting()),
                    e);
        }
    }

    /**
     * Refuses a URL that names something other than a plain file: SQLite would wait forever on a named
     * pipe for a writer, read a device such as /dev/zero as an endless empty database (or write into
     * /dev/null), and report a folder as a disk I/O error. Links are followed, as SQLite follows them.
     *
     * @throws ConfigurationException saying what the path is and what to do
     */
    static void requirePlainFile(DatabaseUrl url, Path file) {
        if (!Files.exists(file) || Files.isRegularFile(file)) {
            return;
        }
        String what = Files.isDirectory(file) ? "a folder" : "a named pipe, socket or device";
        throw new dev.strata.config.ConfigurationException(url.display() + " names " + what + ", not a SQLite"
                + " database file; point the URL at a database file (it is created on the first migrate).");
    }

    @Override
    public IndexDdl indexDdl() {
        return SqliteIndexDdl.INSTANCE;
    }

    @Override
    public dev.strata.refactor.AlterWriter alterWriter() {
        return SqliteAlterWriter.INSTANCE;
    }

    @Override
    public SchemaWriter schemaWriter() {
        return SqliteSchemaWriter.INSTANCE;
    }

    /** An in-memory database; {@code server} only says that the project uses SQLite. */
    @Override
    public ThrowawayDatabase createThrowaway(DatabaseUrl server) {
        return new SqliteThrowaway();
    }

    /** Every SQLite throwaway is an in-memory database of the same library, whatever file the URL names. */
    @Override
    public DatabaseUrl throwawayServer(DatabaseUrl url) {
        return IN_MEMORY;
    }

    @Override
    public ThrowawayDatabase copyOf(DatabaseUrl url, java.util.Map<String, String> environment) {
        return SqliteCopy.of(url, environment);
    }

    @Override
    public BackupTool backupTool() {
        return SqliteBackupTool.INSTANCE;
    }

    @Override
    public BackupTool backupTool(WaitListener waits) {
        return SqliteBackupTool.INSTANCE.waitingWith(waits);
    }
}
