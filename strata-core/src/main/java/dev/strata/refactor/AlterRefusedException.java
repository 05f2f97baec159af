package dev.strata.refactor;

import dev.strata.StrataException;

/**
 * {@code strata alter} will not write the migration asked for, because running it could lose data
 * or break the schema; the message says why and what to do instead. Nothing was written.
 */
public final class AlterRefusedException extends StrataException {

    public AlterRefusedException(String message) {
        super(message);
    }
}
