package dev.strata.bench;

/**
 * Checks, outside the timed part, that a contender really did the work: a fast wrong answer must
 * not win.
 */
final class Checks {

    private Checks() {}

    /** Every generated table, index and view exists, and the contender reports all migrations applied. */
    static void applied(BenchContext context, String engine, Target target, int size, Contender contender)
            throws Exception {
        MigrationSet.ObjectCounts expected = MigrationSet.expectedObjects(size);
        MigrationSet.ObjectCounts found = context.engine(engine).objects(target);
        if (!found.equals(expected)) {
            throw new IllegalStateException(contender.name() + " on " + engine + " left " + found + " after " + size
                    + " migrations; expected " + expected);
        }
        int applied = contender.status(target, context.migrations(size));
        if (applied != size) {
            throw new IllegalStateException(
                    contender.name() + " on " + engine + " reports " + applied + " of " + size + " migrations applied");
        }
    }
}
