package dev.strata.junit;

/**
 * A database that the migrations were applied to once, and that hands out fresh copies of itself.
 * Closing it removes the template and any copy still there.
 */
interface TemplateDatabase extends AutoCloseable {

    /** A new copy of the template, with the template's schema and rows. */
    MigratedDatabase copy();

    /** Removes a copy made by {@link #copy()}. */
    void drop(MigratedDatabase copy);

    @Override
    void close();
}
