package dev.strata.dialect;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a {@code -- strata:backfill} has come, as told to a {@link WaitListener} after a batch
 * (at most about once a second) and when it is done.
 *
 * @param source     the migration file as shown in messages
 * @param line       the UPDATE's line
 * @param table      the table as the UPDATE names it
 * @param rows       rows changed so far, batches committed by earlier runs included
 * @param rowsNow    rows changed by this run
 * @param elapsed    how long this run has been at it
 * @param fraction   how much of the key range is behind, from 0 to 1, when the table's keys tell
 * @param done       true for the last report, once no key is left
 */
public record BackfillProgress(
        String source,
        int line,
        String table,
        long rows,
        long rowsNow,
        Duration elapsed,
        Optional<Double> fraction,
        boolean done) {

    public BackfillProgress {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(fraction, "fraction");
    }

    /** Rows changed per second by this run. */
    public long rowsPerSecond() {
        long millis = Math.max(1, elapsed.toMillis());
        return rowsNow * 1000 / millis;
    }

    /** The time left, estimated from the part of the key range this run has walked in the time it took. */
    public Optional<Duration> timeLeft() {
        if (done) {
            return Optional.of(Duration.ZERO);
        }
        return fraction.filter(f -> f > 0.0 && f < 1.0)
                .map(f -> Duration.ofMillis((long) (elapsed.toMillis() * (1.0 - f) / f)));
    }
}
