package dev.strata.backup;

import dev.strata.StrataException;

/**
 * A backup or restore could not be made: a tool missing or too old, a file that is not a backup or
 * is truncated, a database in use, a restore that would overwrite data. The message says what to do;
 * whatever was there before (the database, an existing file) is left as it was.
 */
public final class BackupException extends StrataException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
