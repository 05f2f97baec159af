package dev.strata.dialect;

import dev.strata.source.Version;

/**
 * What runs around each migration's statements (callbacks), set with {@link Database#aroundEach}.
 * For a transactional migration both methods are called inside its transaction, so a failure in
 * either rolls the migration back; for a no-transaction migration they run outside one, as its
 * statements do. Scripts handed to the {@link Runner} run on the migration's session.
 */
public interface EachMigration {

    /** Nothing around the migrations. */
    EachMigration NONE = new EachMigration() {
        @Override
        public void before(Version version, String name, Runner runner) {}

        @Override
        public void after(Version version, String name, Runner runner) {}

        @Override
        public boolean isEmpty() {
            return true;
        }
    };

    /** Runs a script on the migration's session, in its transaction when it has one. */
    @FunctionalInterface
    interface Runner {
        void run(ExecutableScript script);
    }

    /** Called just before the migration's statements. */
    void before(Version version, String name, Runner runner);

    /** Called just after the migration's statements and checks, before its history row. */
    void after(Version version, String name, Runner runner);

    /** True when there is nothing to run around the migrations. */
    default boolean isEmpty() {
        return false;
    }
}
