package dev.strata.dialect.sqlite;

import dev.strata.dialect.ErrorHints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * What to do about the SQLite failures that come from the file system or another process rather than
 * the SQL: a full disk, a file strata may not write, a database another process keeps locked (named
 * where the operating system tells). Stateless.
 */
final class SqliteErrorHints implements ErrorHints {

    @Override
    public Optional<String> hint(SQLException error, Where where) {
        String code = code(error);
        if (code.equals("SQLITE_FULL")) {
            return Optional.of("The disk (or the file-size limit, or the database's max_page_count) leaves no room"
                    + " for the database and its journal: free space or raise the limit, then run again.");
        }
        if (code.startsWith("SQLITE_IOERR")) {
            return Optional.of("Reading or writing the file failed: check that the disk (or the file-size limit)"
                    + " leaves room for the database and its journal, that the disk is healthy, and that no other"
                    + " program truncated or moved the file.");
        }
        if (code.startsWith("SQLITE_READONLY")) {
            return Optional.of("Check that the database file and its folder are writable by this user.");
        }
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
            Optional<Path> file = where.session().flatMap(SqliteErrorHints::file);
            return Optional.of(file.flatMap(LockHolders::describe)
                    .map(holders -> "The database is locked: " + holders + ".")
                    .orElse("The database is locked by another connection; this system does not say which process"
                            + " holds it (fuser or lsof on the database file may)."));
        }
        return Optional.empty();
    }

    /** The result code's name, such as {@code SQLITE_BUSY}; empty when the error is not SQLite's. */
    static String code(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
                return sqlite.getResultCode().name();
            }
        }
        return "";
    }

    /** The database file of a session, from the URL it was opened with. */
    private static Optional<Path> file(Connection session) {
        try {
            String url = session.getMetaData().getURL();
            String rest = url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url;
            if (rest.startsWith("file:")) {
                rest = rest.substring("file:".length());
            }
            int query = rest.indexOf('?');
            rest = query < 0 ? rest : rest.substring(0, query);
            return rest.isEmpty() || rest.startsWith(":memory:") ? Optional.empty() : Optional.of(Path.of(rest));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
