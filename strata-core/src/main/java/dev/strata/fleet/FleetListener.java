package dev.strata.fleet;

/**
 * Told of a fleet run's progress. Targets run on several threads at once, so the methods are
 * called concurrently: an implementation must be thread-safe.
 */
public interface FleetListener {

    /** A target's run begins. */
    default void started(FleetTarget target) {}

    /** What a running target does now: {@code applying 0003_add_email}, or what it waits for. */
    default void progress(FleetTarget target, String what) {}

    /** A target's run ended (or it was not run); its result is already in the summary file. */
    default void finished(FleetTarget target, TargetResult result) {}

    FleetListener SILENT = new FleetListener() {};
}
