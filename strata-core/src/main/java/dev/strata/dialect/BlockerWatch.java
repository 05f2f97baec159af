package dev.strata.dialect;

import java.util.List;

/**
 * Looks, while one statement runs, for the sessions that hold a lock it waits for, so that when the
 * wait times out strata can say who made it wait: by then the engine no longer reports the wait.
 * Closed when the statement ends, either way.
 */
public interface BlockerWatch extends AutoCloseable {

    /** The sessions last seen blocking the statement, each described for people; empty when none was seen. */
    List<String> blockers();

    @Override
    void close();

    /** For engines that can't tell, and statements that are not watched. */
    BlockerWatch NONE = new BlockerWatch() {
        @Override
        public List<String> blockers() {
            return List.of();
        }

        @Override
        public void close() {}
    };
}
