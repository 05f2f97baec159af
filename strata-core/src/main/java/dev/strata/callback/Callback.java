package dev.strata.callback;

/**
 * Hears the moments of a {@code migrate} run, as the SQL files of the {@code callbacks/} folder do
 * (Flyway users know these as callbacks). Register one with
 * {@code Strata.configure()...callback(callback)}; override only the methods you need.
 *
 * <p>When each method runs, and in which transaction, is the contract of {@link CallbackEvent}:
 * {@link #beforeEach} and {@link #afterEach} are called inside the migration's transaction, so an
 * exception thrown there rolls that migration back and stops the run; an exception from
 * {@link #beforeMigrate} stops the run before the first migration; one from {@link #afterMigrate}
 * fails the run after its migrations were committed. {@link #afterMigrateError} is called after a
 * failure was rolled back, and an exception from it is reported beside the original failure.
 * A method with SQL of the same moment in {@code callbacks/} is called after that SQL ran.
 *
 * <p>Callbacks are called from the thread that runs {@code migrate}, one at a time, in the order
 * they were registered. They are not called for a dry run, nor when nothing is pending.
 */
public interface Callback {

    default void beforeMigrate(CallbackContext context) {}

    default void beforeEach(CallbackContext context) {}

    default void afterEach(CallbackContext context) {}

    default void afterMigrate(CallbackContext context) {}

    default void afterMigrateError(CallbackContext context) {}

    /** Calls the method of {@code context}'s event. */
    default void on(CallbackContext context) {
        switch (context.event()) {
            case BEFORE_MIGRATE -> beforeMigrate(context);
            case BEFORE_EACH -> beforeEach(context);
            case AFTER_EACH -> afterEach(context);
            case AFTER_MIGRATE -> afterMigrate(context);
            case AFTER_MIGRATE_ERROR -> afterMigrateError(context);
        }
    }
}
