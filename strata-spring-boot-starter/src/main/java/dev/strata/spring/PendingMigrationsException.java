package dev.strata.spring;

/** Start-up refused because migrations are pending while {@code strata.fail-on-pending} is true. */
public final class PendingMigrationsException extends IllegalStateException {

    PendingMigrationsException(String message) {
        super(message);
    }
}
