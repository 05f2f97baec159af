package dev.strata.fleet;

import dev.strata.StrataException;

/** A fleet could not run as asked: its targets' schemas could not be listed, or its summary not read or written. */
public final class FleetException extends StrataException {

    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
