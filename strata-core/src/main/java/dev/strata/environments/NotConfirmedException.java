package dev.strata.environments;

import dev.strata.StrataException;

/** The person asked to confirm a run on an environment with {@code confirm = true} said no; nothing changed. */
public final class NotConfirmedException extends StrataException {

    public NotConfirmedException(String message) {
        super(message);
    }
}
