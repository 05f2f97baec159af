package dev.strata.dialect.d1;

import dev.strata.backup.BackupException;
import dev.strata.backup.BackupTool;
import dev.strata.backup.BookmarkRestore;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Backups of remote D1 are D1's own: {@code strata backup} writes what D1's export API gives (a
 * {@code .sql} file) and checks it by loading it into a throwaway in-memory SQLite database. A
 * restore is not driven by strata yet: it says so and what to use instead (Time Travel).
 */
final class D1BackupTool implements BackupTool {

    /** Where the bookmarks taken before migrating are recorded; not user schema (never dumped or compared). */
    static final String BOOKMARKS = "strata_bookmarks";

    @Override
    public String extension() {
        return "sql";
    }

    @Override
    public String databaseName(DatabaseUrl url) {
        return url.d1().map(d1 -> d1.databaseId()).orElse("d1");
    }

    @Override
    public boolean exists(DatabaseUrl url) {
        return true;
    }

    @Override
    public void backup(DatabaseUrl url, Path target, Map<String, String> environment) {
        D1Client client = new D1Client(url.d1().orElseThrow(), url.password().orElse(""), url.display());
        String sql;
        try {
            sql = client.exportSql(java.time.Duration.ofMinutes(10));
        } catch (dev.strata.dialect.DatabaseException e) {
            throw new BackupException(e.getMessage(), e);
        }
        try {
            java.nio.file.Files.writeString(target, sql, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new BackupException(
                    "could not write the export of " + url.display() + " to " + target + " (" + e.getMessage() + ")",
                    e);
        }
    }

    /** Loads the export into a throwaway in-memory SQLite database, statement by statement. */
    @Override
    public void verify(Path file, Map<String, String> environment) {
        String text;
        try {
            text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new BackupException("could not read " + file + " (" + e.getMessage() + ")", e);
        }
        try (java.sql.Connection connection = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
            load(file.toString(), text, connection, "it is damaged or truncated: take the backup again");
        } catch (java.sql.SQLException e) {
            throw new BackupException(
                    "could not open a throwaway SQLite database to check " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Runs a D1 export on a SQLite session, statement by statement, in one transaction (a file
     * database would otherwise sync after each INSERT).
     *
     * @param source   the export's name for messages: its file, or the database it came from
     * @param whatToDo the end of a failure's message: what to try next
     * @throws BackupException naming the line of the statement SQLite refused, or when it does not parse
     */
    static void load(String source, String text, java.sql.Connection connection, String whatToDo)
            throws java.sql.SQLException {
        java.util.List<dev.strata.sql.Statement> statements;
        try {
            statements = D1Dialect.INSTANCE.splitter().split(source, text).statements();
        } catch (dev.strata.sql.SqlSyntaxException e) {
            throw new BackupException(
                    source + ": the D1 export does not parse as SQL (" + e.getMessage() + "); " + whatToDo);
        }
        connection.setAutoCommit(false);
        try (java.sql.Statement jdbc = connection.createStatement()) {
            for (dev.strata.sql.Statement statement : statements) {
                try {
                    jdbc.execute(statement.sql());
                } catch (java.sql.SQLException e) {
                    throw new BackupException(source + ":" + statement.line() + ": the D1 export does not load into"
                            + " SQLite (" + e.getMessage() + "); " + whatToDo);
                }
            }
            connection.commit();
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public boolean isEmpty(DatabaseUrl url) {
        return false;
    }

    @Override
    public boolean restore(DatabaseUrl url, Path file, Map<String, String> environment, boolean force) {
        throw new BackupException("strata does not load an export file into remote D1 (" + url.display() + "); D1"
                + " keeps 30 days of Time Travel: restore a bookmark with 'strata restore --bookmark B' (the"
                + " bookmark 'backup = \"before-migrate\"' printed, or 'wrangler d1 time-travel info')");
    }

    /**
     * D1's Time Travel bookmark of now, then recorded in {@link #BOOKMARKS} with when, by whom and
     * why, in a second request (a restore to this bookmark removes that row too, like every write
     * after it; the run's output keeps it).
     */
    @Override
    public Optional<String> bookmark(DatabaseUrl url, String reason) {
        D1Client client = client(url);
        try {
            String bookmark = client.bookmark();
            client.run(
                    D1Statement.of("CREATE TABLE IF NOT EXISTS " + BOOKMARKS + " (bookmark TEXT NOT NULL,"
                            + " taken_at TEXT NOT NULL, taken_by TEXT NOT NULL, reason TEXT NOT NULL)"),
                    D1Statement.of(
                            "INSERT INTO " + BOOKMARKS + " (bookmark, taken_at, taken_by, reason) VALUES (?, ?,"
                                    + " ?, ?)",
                            bookmark,
                            java.time.Instant.now().toString(),
                            System.getProperty("user.name", "unknown"),
                            reason));
            return Optional.of(bookmark);
        } catch (dev.strata.dialect.DatabaseException e) {
            throw new BackupException(e.getMessage(), e);
        }
    }

    @Override
    public BookmarkRestore restoreBookmark(DatabaseUrl url, String bookmark) {
        try {
            D1Client.Restored restored = client(url).restore(bookmark);
            return new BookmarkRestore(url.display(), bookmark, restored.previousBookmark(), restored.message());
        } catch (dev.strata.dialect.DatabaseException e) {
            throw new BackupException(e.getMessage(), e);
        }
    }

    private static D1Client client(DatabaseUrl url) {
        return new D1Client(url.d1().orElseThrow(), url.password().orElse(""), url.display());
    }
}
