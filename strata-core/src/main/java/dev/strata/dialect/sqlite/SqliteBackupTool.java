package dev.strata.dialect.sqlite;

import dev.strata.backup.BackupException;
import dev.strata.backup.BackupTool;
import dev.strata.backup.DatabaseNotEmptyException;
import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.WaitListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Backups of SQLite files through SQLite's online backup API, which copies a consistent snapshot
 * while other connections keep reading and writing, and restores through the same API in the other
 * direction (from the backup file into the database), as one write transaction on the database: a
 * restore that fails, or finds the database locked by another process, leaves it as it was.
 */
public final class SqliteBackupTool implements BackupTool {

    public static final SqliteBackupTool INSTANCE = new SqliteBackupTool(WaitListener.SILENT);

    /** Every SQLite database file starts with these 16 bytes. */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /**
     * The backup API's own retries, on top of the busy handler of {@link SqliteConnections}, which
     * already waited as long as the URL allows before the API sees SQLITE_BUSY.
     */
    private static final int LOCK_RETRIES = 0;

    private static final int LOCK_RETRY_MS = 100;
    /** Negative: copy every page in one step, so the copy is one snapshot and the restore one transaction. */
    private static final int ALL_PAGES = -1;

    private final WaitListener waits;

    private SqliteBackupTool(WaitListener waits) {
        this.waits = waits;
    }

    /** The same tool, telling {@code waits} when another process's lock makes it wait. */
    public SqliteBackupTool waitingWith(WaitListener waits) {
        return new SqliteBackupTool(waits);
    }

    @Override
    public String extension() {
        return "sqlite";
    }

    @Override
    public String databaseName(DatabaseUrl url) {
        String file = file(url).getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        return stem.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public boolean exists(DatabaseUrl url) {
        return Files.isRegularFile(file(url));
    }

    @Override
    public void backup(DatabaseUrl url, Path target, Map<String, String> environment) {
        try (Connection connection = open(url, SqliteConnections.Mode.READ, new SQLiteConfig());
                Statement statement = connection.createStatement()) {
            // A read transaction opened here waits for another process's lock through the busy handler (and
            // rolls back a dead writer's journal); the copy then reads that one snapshot.
            statement.execute("BEGIN");
            try {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rows.next();
                }
                check(((SQLiteConnection) connection)
                        .getDatabase()
                        .backup("main", target.toString(), null, LOCK_RETRY_MS, LOCK_RETRIES, ALL_PAGES));
            } finally {
                statement.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            throw new BackupException(
                    "could not back up " + url.display() + ": " + message(e)
                            + (SqliteConnections.busy(e) ? "; " + gaveUp(url) : ""),
                    e);
        }
    }

    @Override
    public void verify(Path file, Map<String, String> environment) {
        byte[] start = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
            throw new BackupException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (read < HEADER.length || !Arrays.equals(start, HEADER)) {
            throw new BackupException(file + " is not a SQLite database (it does not start with SQLite's file"
                    + " header); give a backup made by 'strata backup' of a SQLite database.");
        }
        List<String> problems = new ArrayList<>();
        try (Connection connection = openToRead(file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next() && problems.size() < 3) {
                problems.add(rows.getString(1));
            }
        } catch (SQLException e) {
            problems = List.of(message(e));
        }
        if (!problems.equals(List.of("ok"))) {
            throw new BackupException(file + " is damaged or truncated; SQLite's integrity check says: "
                    + String.join("; ", problems) + ". Use another backup.");
        }
    }

    @Override
    public boolean isEmpty(DatabaseUrl url) {
        if (!exists(url)) {
            return true;
        }
        try (Connection connection = open(url, SqliteConnections.Mode.READ, new SQLiteConfig());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rows.next();
            return rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw new BackupException(
                    "could not read " + url.display() + ": " + message(e)
                            + (SqliteConnections.busy(e) ? "; " + gaveUp(url) : ""),
                    e);
        }
    }

    @Override
    public boolean restore(DatabaseUrl url, Path file, Map<String, String> environment, boolean force) {
        Path target = file(url);
        if (target.toAbsolutePath().getParent() != null
                && !Files.isDirectory(target.toAbsolutePath().getParent())) {
            throw new BackupException("the folder of " + url.display() + " does not exist: "
                    + target.toAbsolutePath().getParent() + "; create it or fix the URL.");
        }
        SQLiteConfig config = new SQLiteConfig();
        // In exclusive locking mode the write lock this connection takes stays with it until it closes: from
        // the emptiness check below to the end of the copy into it, no other connection can write, so what
        // was found empty is what gets replaced.
        config.setLockingMode(SQLiteConfig.LockingMode.EXCLUSIVE);
        try (Connection connection = open(url, SqliteConnections.Mode.WRITE, config)) {
            long objects;
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rows.next();
                    objects = rows.getLong(1);
                }
                if (objects > 0 && !force) {
                    statement.execute("ROLLBACK");
                    throw new DatabaseNotEmptyException(url.display());
                }
                // A write, so that the lock this connection keeps is the exclusive one.
                statement.execute("PRAGMA user_version = " + userVersion(statement));
                statement.execute("COMMIT");
            }
            check(((SQLiteConnection) connection)
                    .getDatabase()
                    .restore("main", file.toString(), null, LOCK_RETRY_MS, LOCK_RETRIES, ALL_PAGES));
            // The backup API reports the outcome for the file read, not for the database written: compare.
            if (!schemaText(connection).equals(schemaOf(file))) {
                throw new SQLException("the restored schema differs from the backup's; the copy did not complete");
            }
            return objects > 0;
        } catch (SQLException e) {
            if (SqliteConnections.busy(e)) {
                throw new BackupException(
                        url.display() + " is in use: another process kept it locked for longer than"
                                + " strata waits ("
                                + SqliteConnections.spoken(SqliteConnections.maximumWait(url.jdbcUrl()))
                                + "), so it can't be replaced now. Nothing was changed. Restore again when that process is"
                                + " done, or set how long strata waits with busy_timeout=MILLISECONDS in the database URL.",
                        e);
            }
            throw new BackupException(
                    "could not restore " + file.getFileName() + " into " + url.display() + ": " + message(e)
                            + ". Nothing was changed.",
                    e);
        }
    }

    private static long userVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every definition in the database, in one string. */
    private static String schemaText(Connection connection) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
            while (rows.next()) {
                text.append(rows.getString(1))
                        .append(' ')
                        .append(rows.getString(2))
                        .append(' ')
                        .append(rows.getString(3))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private String schemaOf(Path file) throws SQLException {
        try (Connection connection = openToRead(file)) {
            return schemaText(connection);
        }
    }

    /** A backup file, opened like every reading session (see SqliteConnections). */
    private Connection openToRead(Path file) throws SQLException {
        return SqliteConnections.open(
                "jdbc:sqlite:" + file,
                SqliteConnections.Mode.READ,
                SqliteConnections.DEFAULT_WAIT,
                new SQLiteConfig(),
                file.toString(),
                waits);
    }

    private static Path file(DatabaseUrl url) {
        Path file = url.sqliteFile()
                .orElseThrow(
                        () -> new BackupException(
                                url.display() + " is an in-memory"
                                        + " database; it lives only as long as one process, so there is nothing to back up or restore."));
        SqliteDialect.requirePlainFile(url, file);
        return file;
    }

    /** The backup API reports most failures, a busy database among them, as a result code rather than a throw. */
    private static void check(int resultCode) throws SQLException {
        if (resultCode != SQLiteErrorCode.SQLITE_OK.code && resultCode != SQLiteErrorCode.SQLITE_DONE.code) {
            SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(resultCode);
            throw new SQLException(
                    "[" + code.name() + "] " + code.message + " (" + code.message + ")", null, resultCode);
        }
    }

    /**
     * The database's file, through {@link SqliteConnections} like every other session on it: the
     * URL's parameters other than {@code busy_timeout} are left out, so none can change how a restore locks.
     */
    private Connection open(DatabaseUrl url, SqliteConnections.Mode mode, SQLiteConfig config) throws SQLException {
        return SqliteConnections.open(
                "jdbc:sqlite:" + file(url),
                mode,
                SqliteConnections.maximumWait(url.jdbcUrl()),
                config,
                "SQLite database " + url.display(),
                waits);
    }

    private static String gaveUp(DatabaseUrl url) {
        return SqliteConnections.gaveUp(SqliteConnections.maximumWait(url.jdbcUrl()));
    }

    private static String message(SQLException e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        // "[SQLITE_NOTADB] File opened that is not a database file (file is not a database)" -> the parenthesis.
        int open = message.lastIndexOf('(');
        return message.startsWith("[") && open > 0 && message.endsWith(")")
                ? message.substring(open + 1, message.length() - 1)
                : message;
    }
}
