package dev.strata.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one migration's down script fared on the shadow database.
 *
 * @param version     the migration's version as written
 * @param name        its name
 * @param file        its up file, relative to the project
 * @param status      the outcome
 * @param differences for {@link Status#FAILED} by a down script that does not restore the schema:
 *                    what is left different, each as a schema change from the schema before the up
 *                    script to the one after the down script ({@code + column users.age INTEGER})
 * @param error       for a script that failed to run, what the database said; for a migration whose empty
 *                    down script marks it irreversible, that; empty otherwise
 */
public record RollbackResult(
        String version, String name, String file, Status status, List<String> differences, Optional<String> error) {

    /** The outcomes, as {@code strata test --json} writes them in lower case. */
    public enum Status {
        /** Up, down, schema as before, up again: all fine. */
        PASSED,
        /** The down script failed, left the schema different, or the up script failed after it. */
        FAILED,
        /** There is no down script to test. */
        NO_DOWN,
        /** Not reached: an earlier up script failed on the shadow database. */
        NOT_RUN
    }

    public RollbackResult {
        Objects.requireNonNull(status, "status");
        differences = List.copyOf(differences);
        Objects.requireNonNull(error, "error");
    }
}
