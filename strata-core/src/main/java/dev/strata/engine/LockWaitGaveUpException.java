package dev.strata.engine;

import dev.strata.dialect.LockTimeoutException;
import dev.strata.dialect.MigrationFailedException;

/**
 * A migration timed out waiting for a lock on every try ({@code lock_retries} more after the first)
 * and strata stopped. Each try was rolled back whole, so nothing of the migration is applied. The
 * message names the statement, the session that held the lock, and what to do.
 */
public final class LockWaitGaveUpException extends MigrationFailedException {

    private final transient LockTimeoutException last;

    LockWaitGaveUpException(LockTimeoutException last, int tries, String waited) {
        super(message(last, tries, waited), last.source(), last.line(), last.statement(), last.databaseMessage());
        this.last = last;
    }

    private static String message(LockTimeoutException last, int tries, String waited) {
        String nl = System.lineSeparator();
        return last.source() + ":" + last.line() + ": gave up after " + tries + (tries == 1 ? " try" : " tries")
                + ": each time, a statement waited " + waited + " for a lock another session holds: "
                + last.statement() + nl
                + "  " + LockTimeoutException.blockedBy(last.blockers()) + nl
                + "  Each try was rolled back: none of the migration was applied." + nl
                + "  End that session or let it finish, then run migrate again; or let this migration wait longer"
                + " (-- strata:lock-timeout 30s in the file, lock_timeout in strata.toml) or try more often"
                + " (lock_retries).";
    }

    /** The sessions that held the lock on the last try. */
    public java.util.List<String> blockers() {
        return last.blockers();
    }
}
