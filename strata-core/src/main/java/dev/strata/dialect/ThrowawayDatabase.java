package dev.strata.dialect;

import dev.strata.config.DatabaseUrl;

/**
 * An empty database made for one computation (the shadow database) and destroyed by {@link #close()},
 * also when the computation failed.
 */
public interface ThrowawayDatabase extends AutoCloseable {

    /** Where to connect; open it with {@link Dialect#open}. */
    DatabaseUrl url();

    /**
     * How a report names it: where it is and, for a copy on another engine than the live database's,
     * what a run there does not reproduce.
     */
    default String description() {
        return url().display();
    }

    /** Drops the database; never throws for a database that is already gone. */
    @Override
    void close();
}
