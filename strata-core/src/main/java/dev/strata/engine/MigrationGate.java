package dev.strata.engine;

import java.util.List;

/**
 * A check or an action that must happen after {@code migrate} has planned and before it changes
 * anything: a promotion rule, asking the user, a backup. It sees exactly the migrations the run will
 * apply, and stops the run (nothing changed) by throwing.
 *
 * <p>A gate runs only when something is pending and the run is not a dry run, and it runs with no
 * session of the run open, so it may open its own (even on the same SQLite file).
 */
@FunctionalInterface
public interface MigrationGate {

    /**
     * @param database  the database the run will change, as named to people
     * @param steps     the pending migrations, in the order they will be applied; never empty
     * @throws dev.strata.StrataException to stop the run before its first change, saying why
     */
    void beforeChanges(String database, List<PlannedMigration> steps);

    /** Lets every run through. */
    MigrationGate NONE = (database, steps) -> {};

    /** Runs {@code gates} in order; the first that throws stops the others. */
    static MigrationGate all(List<MigrationGate> gates) {
        List<MigrationGate> copy = List.copyOf(gates);
        return (database, steps) -> copy.forEach(gate -> gate.beforeChanges(database, steps));
    }
}
