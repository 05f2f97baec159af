package dev.strata.engine;

import java.util.Locale;

/** Where one migration stands, comparing the migrations folder with the history table. */
public enum MigrationState {
    /** Recorded as applied, and the file still has the checksum that ran. */
    APPLIED,
    /** In the folder, not recorded. */
    PENDING,
    /** Recorded as applied, but the file was edited since. */
    CHANGED,
    /** Recorded as applied, but its file is gone. */
    MISSING,
    /** A no-transaction migration that stopped part-way; needs cleanup and 'strata repair'. */
    FAILED,
    /** A repeatable migration (Flyway's R__name.sql) edited since it last ran; migrate runs it again. */
    OUTDATED,
    /**
     * Applied by another tool whose history strata found (Flyway, wrangler, ...), not recorded by
     * strata yet; 'strata adopt' takes it over.
     */
    ADOPTABLE,
    /**
     * A squash baseline on a database that applied, one by one, every migration it replaced: it
     * counts as applied and never runs there; the history is kept as it is.
     */
    EQUIVALENT,
    /** Recorded as applied from a file that a squash baseline has since replaced; the baseline stands for it. */
    SQUASHED;

    /** The lower-case word used in output and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
