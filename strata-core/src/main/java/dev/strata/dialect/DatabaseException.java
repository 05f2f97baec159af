package dev.strata.dialect;

import dev.strata.StrataException;

/**
 * The database could not be reached or did not behave as strata needs (connection refused, wrong
 * password, a read-only file, a history table from a newer strata). The message says what to check.
 */
public final class DatabaseException extends StrataException {

    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
