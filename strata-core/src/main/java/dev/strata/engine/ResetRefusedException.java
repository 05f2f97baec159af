package dev.strata.engine;

import dev.strata.StrataException;

/** {@code strata reset} will not empty this database; the message says why and what to do. */
public final class ResetRefusedException extends StrataException {

    public ResetRefusedException(String message) {
        super(message);
    }
}
