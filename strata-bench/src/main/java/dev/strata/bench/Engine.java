package dev.strata.bench;

/**
 * A database engine the benchmark runs on: hands out fresh databases and counts what migrations
 * left in them. Not thread-safe.
 */
public interface Engine extends AutoCloseable {

    /** {@code sqlite} or {@code postgres}. */
    String name();

    /** The engine's version, for the results' header. */
    String version();

    /** A new, empty database. */
    Target fresh();

    /** Deletes a database made by {@link #fresh}; best effort. */
    void drop(Target target);

    /** The generated tables ({@code t_*}), indexes ({@code ix_*}) and views ({@code v_*}) in a database. */
    MigrationSet.ObjectCounts objects(Target target);

    @Override
    void close();
}
