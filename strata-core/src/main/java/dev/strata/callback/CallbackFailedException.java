package dev.strata.callback;

import dev.strata.StrataException;

/**
 * A Java {@link Callback} threw. The message names the callback's class, the event and the
 * migration, and says what became of the run.
 */
public final class CallbackFailedException extends StrataException {

    public CallbackFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
