package dev.strata;

/**
 * Base of every failure that strata reports to its user.
 *
 * <p>Subclasses live in the package of the concept that fails (configuration, source files, SQL
 * lexing, the database, the engine). Their messages are complete sentences written for the person
 * running strata: what went wrong, where (file:line where there is one), and what to do. Callers
 * print {@link #getMessage()} as it is; only unexpected exceptions deserve a stack trace.
 */
public abstract class StrataException extends RuntimeException {

    protected StrataException(String message) {
        super(message);
    }

    protected StrataException(String message, Throwable cause) {
        super(message, cause);
    }
}
