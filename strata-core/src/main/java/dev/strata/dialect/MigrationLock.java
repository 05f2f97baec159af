package dev.strata.dialect;

/** The migration lock held by a session; closing it releases the lock. */
@FunctionalInterface
public interface MigrationLock extends AutoCloseable {

    @Override
    void close();
}
