package dev.strata.dialect;

import dev.strata.sql.Backfill;
import java.time.Duration;
import java.util.Optional;

/**
 * Walks a backfill's key range batch by batch, the same on every engine: each {@link Steps#next}
 * runs the UPDATE on the next {@code batch} keys of the table and commits it together with the
 * progress row, so a process killed between two batches loses nothing and repeats nothing. The
 * engines supply the steps (the key column and where the progress is kept); this class paces them,
 * decides where the walk ends, and tells the listener how far it has come.
 *
 * <p>The walk ends at the largest key the table had when it began, unless a row above that key still
 * needs the change ({@link Steps#remainsAbove}): rows inserted meanwhile are covered when they need
 * it, and a table that keeps growing with rows that don't (new code, or a trigger, fills them) is not
 * chased to its ever-moving end.
 */
public final class BackfillRun {

    /** How often progress is reported, at most (the first batch and the end are always reported). */
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

    /** What an engine does for one backfill. */
    public interface Steps {
        /** The progress committed so far, its row created when there is none. */
        Saved begin();

        /** The smallest and largest key now, for the estimate; empty when the table is empty or the engine can't tell. */
        Optional<long[]> keyRange();

        /**
         * Runs the next batch after the last committed key, and commits it with its progress row in one
         * transaction; empty, with the progress marked done, when no key is left.
         */
        Optional<Batch> next();

        /** Whether a row with a key above {@code key} still matches the UPDATE's WHERE. */
        boolean remainsAbove(long key);

        /** Marks the progress done: the walk ends here. */
        void finish();
    }

    /**
     * The progress a backfill had committed when this run started.
     *
     * @param lastKey the last key of the last committed batch; empty before the first
     * @param rows    rows changed by the committed batches
     * @param done    whether the whole key range was walked
     */
    public record Saved(Optional<Long> lastKey, long rows, boolean done) {}

    /** One committed batch: its last key and the rows it changed. */
    public record Batch(long lastKey, long rows) {}

    private BackfillRun() {}

    /** Runs the batches to the end of the walk. */
    public static void run(String source, Backfill backfill, Steps steps, WaitListener listener) {
        Saved saved = steps.begin();
        if (saved.done()) {
            return;
        }
        Optional<long[]> range = steps.keyRange();
        // The estimate covers what this run has left: from where it starts to the largest key now.
        long from = saved.lastKey().orElse(range.map(r -> r[0] - 1).orElse(0L));
        long walkTo = range.map(r -> r[1]).orElse(Long.MIN_VALUE);
        Optional<Long> lastKey = saved.lastKey();
        long started = System.nanoTime();
        long lastReport = 0;
        long rows = saved.rows();
        long rowsNow = 0;
        boolean first = true;
        while (true) {
            boolean pastBound = lastKey.isPresent() && lastKey.get() >= walkTo;
            Optional<Batch> batch;
            if (pastBound && !steps.remainsAbove(lastKey.get())) {
                steps.finish();
                batch = Optional.empty();
            } else {
                if (pastBound) {
                    // Rows inserted since the walk began still need the change: walk on to the end as it is now.
                    walkTo = steps.keyRange().map(r -> r[1]).orElse(lastKey.get());
                }
                batch = steps.next();
            }
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - started);
            if (batch.isEmpty()) {
                listener.backfilled(new BackfillProgress(
                        source, backfill.line(), backfill.table(), rows, rowsNow, elapsed, Optional.of(1.0), true));
                return;
            }
            lastKey = Optional.of(batch.get().lastKey());
            rows += batch.get().rows();
            rowsNow += batch.get().rows();
            if (first || now - lastReport >= REPORT_EVERY.toNanos()) {
                first = false;
                lastReport = now;
                Optional<Double> fraction = range.isEmpty() || walkTo <= from
                        ? Optional.empty()
                        : Optional.of(
                                Math.min(1.0, (double) (batch.get().lastKey() - from) / (double) (walkTo - from)));
                listener.backfilled(new BackfillProgress(
                        source, backfill.line(), backfill.table(), rows, rowsNow, elapsed, fraction, false));
            }
            pause(backfill.pause());
        }
    }

    private static void pause(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("the backfill was interrupted between two batches; every batch so far is"
                    + " committed, and the next 'strata migrate' goes on from there.");
        }
    }
}
