package dev.strata.dialect;

import dev.strata.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A script ready to run: split, checked, and stripped of a BEGIN ... COMMIT pair that wrapped it.
 *
 * @param source         the file as shown in messages
 * @param statements     what to execute, in order
 * @param transactional  false when the file asked for {@code -- strata:no-transaction}
 * @param verifications  the file's {@code -- strata:verify} queries, run after the statements inside
 *                       the same transaction; only a transactional script has any
 * @param foreignKeysOff true when the file asked for {@code -- strata:foreign-keys off}: the engine
 *                       stops enforcing foreign keys while it runs (outside the transaction, where
 *                       the setting takes effect) and checks every key before it commits
 * @param requirements   the file's {@code -- strata:require} preconditions, checked inside the same
 *                       transaction before the first statement; only a transactional script has any
 * @param lockTimeout    the file's {@code -- strata:lock-timeout}, which replaces the configured lock
 *                       timeout for it; {@link Duration#ZERO} for {@code off}; empty when it says none
 * @param backfills      the file's {@code -- strata:backfill} UPDATEs, each run in key-range batches
 *                       instead of as one statement; only a script outside strata's transaction has any
 */
public record ExecutableScript(
        String source,
        List<Statement> statements,
        boolean transactional,
        List<Verification> verifications,
        boolean foreignKeysOff,
        List<Requirement> requirements,
        Optional<Duration> lockTimeout,
        List<dev.strata.sql.Backfill> backfills) {

    public ExecutableScript {
        Objects.requireNonNull(source, "source");
        statements = List.copyOf(statements);
        verifications = List.copyOf(verifications);
        requirements = List.copyOf(requirements);
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (!transactional && (!verifications.isEmpty() || foreignKeysOff || !requirements.isEmpty())) {
            throw new IllegalArgumentException("verifications, requirements and foreign-keys off need a transaction");
        }
        backfills = List.copyOf(backfills);
        if (transactional && !backfills.isEmpty()) {
            throw new IllegalArgumentException("a backfill commits batch by batch, outside strata's transaction");
        }
    }

    public ExecutableScript(
            String source,
            List<Statement> statements,
            boolean transactional,
            List<Verification> verifications,
            boolean foreignKeysOff,
            List<Requirement> requirements,
            Optional<Duration> lockTimeout) {
        this(source, statements, transactional, verifications, foreignKeysOff, requirements, lockTimeout, List.of());
    }

    /** The same script from its statement {@code index} on (all of it for 0, none for the size). */
    public ExecutableScript startingAt(int index) {
        return index == 0
                ? this
                : new ExecutableScript(
                        source,
                        statements.subList(index, statements.size()),
                        transactional,
                        verifications,
                        foreignKeysOff,
                        requirements,
                        lockTimeout,
                        backfills);
    }

    /** The backfill that replaces {@code statement}, if it is one. */
    public Optional<dev.strata.sql.Backfill> backfillOf(Statement statement) {
        return backfills.stream().filter(b -> b.line() == statement.line()).findFirst();
    }

    public ExecutableScript(
            String source,
            List<Statement> statements,
            boolean transactional,
            List<Verification> verifications,
            boolean foreignKeysOff) {
        this(source, statements, transactional, verifications, foreignKeysOff, List.of(), Optional.empty());
    }

    /** A script without verifications that leaves foreign keys as they are. */
    public ExecutableScript(String source, List<Statement> statements, boolean transactional) {
        this(source, statements, transactional, List.of(), false);
    }

    /**
     * The same script for a replay of the files on a throwaway database (the shadow): each
     * precondition's query still runs, so one that fails there is reported, but its answer does not
     * stop the script, because a precondition is about the data of the live database.
     */
    public ExecutableScript replayed() {
        return new ExecutableScript(
                source,
                statements,
                transactional,
                verifications,
                foreignKeysOff,
                requirements.stream()
                        .map(r -> new Requirement(r.sql(), r.message(), r.line(), false))
                        .toList(),
                lockTimeout,
                backfills);
    }

    /**
     * One {@code -- strata:require SQL -- MESSAGE} directive: a query that must return one row holding
     * a single true value, or the migration does not run.
     *
     * @param sql      the query, without a trailing semicolon
     * @param message  what the file says is wrong when it does not hold
     * @param line     1-based line of the directive in the file
     * @param enforced false on a replay, where the query runs but its answer is not judged
     */
    public record Requirement(String sql, String message, int line, boolean enforced) {
        public Requirement {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * One {@code -- strata:verify SQL} directive: a query that must return no rows, or a single row
     * holding a single true value.
     *
     * @param sql  the query, without a trailing semicolon
     * @param line 1-based line of the directive in the file
     */
    public record Verification(String sql, int line) {
        public Verification {
            Objects.requireNonNull(sql, "sql");
        }
    }
}
