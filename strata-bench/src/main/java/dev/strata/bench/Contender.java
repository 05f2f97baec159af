package dev.strata.bench;

/**
 * A migration tool under test. Each method does the whole job the way a user of that tool would,
 * opening and closing its own connections, so that what is timed is what a user waits for.
 * Results are returned so the harness can check that every contender did the same work.
 */
public interface Contender {

    /** Short name for tables: {@code strata}, {@code flyway}, {@code liquibase}, {@code floor}. */
    String name();

    /** The tool and its version, for the results' header, e.g. {@code Flyway 11.20.3}. */
    String version();

    /** Applies every migration of {@code set} to {@code target}; the harness checks the outcome afterwards. */
    void migrate(Target target, MigrationSet set) throws Exception;

    /** Reads the state of every migration (status, info); returns how many are applied. */
    int status(Target target, MigrationSet set) throws Exception;

    /** Checks applied migrations against their files; returns whether all is well. */
    boolean validate(Target target, MigrationSet set) throws Exception;
}
