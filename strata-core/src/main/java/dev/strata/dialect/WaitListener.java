package dev.strata.dialect;

/** Told when strata has to wait for another process before it can go on. */
@FunctionalInterface
public interface WaitListener {

    /** @param what a sentence naming what is held and by whom, e.g. the migration lock on a database */
    void waiting(String what);

    WaitListener SILENT = what -> {};
}
