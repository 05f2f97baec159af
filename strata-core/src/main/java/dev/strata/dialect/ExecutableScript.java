package dev.strata.dialect;

import dev.strata.sql.Statement;
import java.util.List;
import java.util.Objects;

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
 */
public record ExecutableScript(
        String source,
        List<Statement> statements,
        boolean transactional,
        List<Verification> verifications,
        boolean foreignKeysOff) {

    public ExecutableScript {
        Objects.requireNonNull(source, "source");
        statements = List.copyOf(statements);
        verifications = List.copyOf(verifications);
        if (!transactional && (!verifications.isEmpty() || foreignKeysOff)) {
            throw new IllegalArgumentException("verifications and foreign-keys off need a transaction");
        }
    }

    /** A script without verifications that leaves foreign keys as they are. */
    public ExecutableScript(String source, List<Statement> statements, boolean transactional) {
        this(source, statements, transactional, List.of(), false);
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
