package dev.strata.backup;

import dev.strata.StrataException;

/**
 * A {@link BackupTool} found, inside the transaction (or under the lock) it restores in, a database
 * that holds something, and was not told to replace it. Nothing was changed. {@link Backups} turns
 * it into the message for the user.
 */
public final class DatabaseNotEmptyException extends StrataException {

    public DatabaseNotEmptyException(String database) {
        super(database + " is not empty; nothing was changed. Restore with --force to replace it.");
    }
}
