package dev.strata.dialect;

import dev.strata.sql.Statement;
import java.util.List;

/**
 * A statement of a migration gave up waiting for a lock another session holds (the lock timeout
 * strata set, or the server's own). A migration in strata's transaction was rolled back whole, so it
 * can be run again from its start.
 */
public final class LockTimeoutException extends MigrationFailedException {

    private final List<String> blockers;

    /**
     * @param blockers each session seen holding the lock while the statement waited, described for
     *                 people (query shortened, passwords hidden); empty when none was seen in time
     */
    public LockTimeoutException(
            String source, Statement statement, String databaseMessage, String outcome, List<String> blockers) {
        super(
                source + ":" + statement.line() + ": statement gave up waiting for a lock: " + statement.firstLine()
                        + System.lineSeparator() + "  database says: " + databaseMessage
                        + System.lineSeparator() + "  " + blockedBy(blockers)
                        + System.lineSeparator() + "  " + outcome,
                source,
                statement.line(),
                statement.firstLine(),
                databaseMessage);
        this.blockers = List.copyOf(blockers);
    }

    /** The sessions seen holding the lock, as in the message. */
    public List<String> blockers() {
        return blockers;
    }

    /** "blocked by session ..." or, when none was seen, what to look at. */
    public static String blockedBy(List<String> blockers) {
        if (blockers.isEmpty()) {
            return "the session holding the lock was not seen (it let go as the wait ended, or the wait was too short"
                    + " to look)";
        }
        return "blocked by " + String.join("; and by ", blockers);
    }
}
