package dev.strata.dialect;

import dev.strata.config.DatabaseUrl;

/**
 * An empty database made for one computation (the shadow database) and destroyed by {@link #close()},
 * also when the computation failed.
 */
public interface ThrowawayDatabase extends AutoCloseable {

    /** Where to connect; open it with {@link Dialect#open}. */
    DatabaseUrl url();

    /** Drops the database; never throws for a database that is already gone. */
    @Override
    void close();
}
