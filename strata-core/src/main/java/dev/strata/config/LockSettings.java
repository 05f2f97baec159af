package dev.strata.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a migration may wait for a lock and run, and how often a migration that timed out
 * waiting for a lock is tried again: {@code lock_timeout}, {@code statement_timeout} and {@code
 * lock_retries} of {@code [migrations]} or an {@code [environments.NAME]} table. Engines whose
 * sessions have no such limits (SQLite waits per its {@code busy_timeout}) ignore them.
 *
 * @param lockTimeout      the longest a statement of a migration waits for a lock; empty: no limit
 *                         set by strata (the server's own setting holds)
 * @param statementTimeout the longest a statement of a migration runs; empty: no limit set by strata
 * @param retries          how many more times a migration that timed out waiting for a lock is run
 *                         again from its start, after a pause that grows each time
 */
public record LockSettings(Optional<Duration> lockTimeout, Optional<Duration> statementTimeout, int retries) {

    /** Five seconds to get a lock, no statement limit, three more tries. */
    public static final LockSettings DEFAULT =
            new LockSettings(Optional.of(Duration.ofSeconds(5)), Optional.empty(), 3);

    /** Strata sets no limit and never tries again: the server's own settings hold. */
    public static final LockSettings NONE = new LockSettings(Optional.empty(), Optional.empty(), 0);

    public LockSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    /** The same, waiting at most {@code value} for a lock (empty: no limit). */
    public LockSettings withLockTimeout(Optional<Duration> value) {
        return new LockSettings(value, statementTimeout, retries);
    }
}
