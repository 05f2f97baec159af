package dev.strata.dialect;

/** Told when strata has to wait for another process before it can go on, and how far long work has come. */
@FunctionalInterface
public interface WaitListener {

    /** @param what a sentence naming what is held and by whom, e.g. the migration lock on a database */
    void waiting(String what);

    /** How far a {@code -- strata:backfill} has come; told after its first batch, about once a second, and at the end. */
    default void backfilled(BackfillProgress progress) {}

    WaitListener SILENT = what -> {};
}
