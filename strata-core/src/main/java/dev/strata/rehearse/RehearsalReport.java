package dev.strata.rehearse;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pending migrations did on a copy of the live database.
 *
 * @param database  the live database as people read it (never its password)
 * @param copy      how the copy was made and how long it took
 * @param steps     each migration that ran on the copy, in order
 * @param failure   the first migration that failed on the copy, when one did: the real run would
 *                  stop there
 * @param pending   how many migrations were pending on the live database
 */
public record RehearsalReport(String database, Copy copy, List<Step> steps, Optional<Failure> failure, int pending) {

    public RehearsalReport {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(copy, "copy");
        steps = List.copyOf(steps);
        Objects.requireNonNull(failure, "failure");
    }

    /** True when every pending migration ran on the copy. */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** The copy: where it lived and what making it cost. */
    public record Copy(String description, Duration took) {}

    /**
     * One migration on the copy.
     *
     * @param tables the tables whose schema or row count it changed, each with its rows before and
     *               after (-1 where the table did not exist); a table whose rows it only updated is
     *               not among them (its locks show it on PostgreSQL)
     * @param locks  the locks its session was seen holding while it ran (sampled; empty where the
     *               engine does not tell)
     */
    public record Step(String migration, Duration took, List<TableRows> tables, List<String> locks) {
        public Step {
            tables = List.copyOf(tables);
            locks = List.copyOf(locks);
        }
    }

    /** A table's rows before and after one migration; -1 where it did not exist. */
    public record TableRows(String table, long before, long after) {}

    /**
     * Where the rehearsal stopped, with the database's or the gate's own message.
     *
     * @param refusedOnLive migrate would refuse the run on the live database while planning (what its
     *                      engine does not take, where the copy runs on another one), so nothing ran on
     *                      the copy; {@code migration} is then {@value #PLANNING}
     */
    public record Failure(String migration, String message, boolean refusedOnLive) {

        /** The {@code migration} of a run refused while planning on the live database. */
        public static final String PLANNING = "(planning)";

        /** A failure on the copy. */
        public Failure(String migration, String message) {
            this(migration, message, false);
        }
    }
}
