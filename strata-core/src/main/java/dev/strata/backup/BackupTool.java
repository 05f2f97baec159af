package dev.strata.backup;

import dev.strata.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;

/**
 * How one database engine copies a database to a file and back: the engine-specific half of
 * backups, implemented in the dialect packages. {@link Backups} does the rest (file names,
 * permissions, pruning, the checks before a restore) the same way for every engine.
 *
 * <p>{@code environment} is the process environment strata was given (for {@code PATH}, to find
 * external tools). Implementations are stateless; every call opens and closes its own sessions.
 */
public interface BackupTool {

    /** The file name extension of this engine's backups, without the dot. */
    String extension();

    /** A name for the database fit for a file name (no password, no path): {@code prod}, {@code app}. */
    String databaseName(DatabaseUrl url);

    /** False when there is nothing to back up yet (a SQLite file not created). */
    boolean exists(DatabaseUrl url);

    /**
     * Writes a consistent copy of the database into {@code target}, an existing empty file readable
     * by its owner only, while other sessions may go on using the database.
     *
     * @throws BackupException naming what is missing or what failed
     */
    void backup(DatabaseUrl url, Path target, Map<String, String> environment);

    /**
     * Reads {@code file} through to its end, as a restore would.
     *
     * @throws BackupException when it is not a backup of this engine, or is damaged or truncated
     */
    void verify(Path file, Map<String, String> environment);

    /** True when the database holds no table or other object of its users (strata's history included). */
    boolean isEmpty(DatabaseUrl url);

    /**
     * Replaces everything in the database by the content of {@code file}, as one change: when it
     * fails, the database is as it was. Without {@code force}, whether the database is empty is
     * decided once, by the same transaction (or under the same lock) that restores, so that nothing
     * another session creates meanwhile can be replaced.
     *
     * @return true when the database held something that the restore replaced
     * @throws BackupException when it failed (the database in use, a tool missing), or without
     *                         {@code force} the database is not empty; nothing changed
     */
    boolean restore(DatabaseUrl url, Path file, Map<String, String> environment, boolean force);

    /**
     * For an engine that keeps its own history of the database (D1's Time Travel): a bookmark of
     * the database as it is now, recorded where the engine keeps such records, taken instead of a
     * file by {@code backup = "before-migrate"}. Empty for engines without one (a file is taken).
     *
     * @throws BackupException when the engine has one but it could not be had
     */
    default java.util.Optional<String> bookmark(DatabaseUrl url, String reason) {
        return java.util.Optional.empty();
    }

    /**
     * Restores the database to a {@link #bookmark}: everything written after it is undone.
     *
     * @throws BackupException when the engine has no bookmarks, or refused this one (nothing changed)
     */
    default BookmarkRestore restoreBookmark(DatabaseUrl url, String bookmark) {
        throw new BackupException("restoring to a bookmark (--bookmark) needs a database that keeps its own history,"
                + " such as Cloudflare D1's Time Travel; " + url.display() + " has none. Restore a backup file instead:"
                + " strata restore FILE");
    }
}
