package dev.strata.engine;

import dev.strata.dialect.WaitListener;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;

/** Progress of a run, for a user watching it. Every method may be left as the no-op default. */
public interface MigrationListener extends WaitListener {

    @Override
    default void waiting(String what) {}

    /** A warning the linter found in a pending migration; the run goes on. */
    default void linted(Finding warning) {}

    /** A remark about how the pending migrations were judged, such as why there was no shadow database. */
    default void note(String remark) {}

    default void applying(Migration migration) {}

    /** How a migration about to run will run, when the file did not choose it itself. */
    default void notice(String message) {}

    default void applied(AppliedMigration row) {}

    /** Another process applied it while this one waited. */
    default void skipped(Migration migration) {}

    default void reverting(AppliedMigration row) {}

    default void reverted(AppliedMigration row) {}

    /** A backup was taken before the first change ({@code backup = "before-migrate"}). */
    default void backedUp(java.nio.file.Path file) {}

    /**
     * The engine's own bookmark of the database was taken before the first change ({@code backup =
     * "before-migrate"} on D1): restoring to it undoes this run.
     */
    default void bookmarked(String database, String bookmark) {}

    MigrationListener SILENT = new MigrationListener() {};
}
