package dev.strata.sql;

import java.util.List;
import java.util.Optional;

/**
 * Whether a migration runs in strata's transaction, decided from its statements' kinds (which the
 * splitter reads from lexer tokens) the way the file's own tool would run it:
 * <ul>
 *   <li>a file with its own {@code BEGIN ... COMMIT} somewhere inside (golang-migrate sends a file
 *       to the database as it is) runs statement by statement, its transactions as written;</li>
 *   <li>a file holding only statements that can't run in a transaction ({@code CREATE INDEX
 *       CONCURRENTLY}, {@code VACUUM}) runs outside one, as Flyway detects and runs it;</li>
 *   <li>anything else runs in one transaction with its history row.</li>
 * </ul>
 * Either way out of the transaction, the history row is written as failed before the first statement
 * and marked applied after the last, so a crash part-way is never recorded as applied. A file that
 * says {@code -- strata:no-transaction} (or SQLx's or dbmate's opt-out) has chosen, and gets no notice.
 *
 * @param transactional whether the file runs in strata's transaction
 * @param notice        why strata runs it otherwise, and what that guarantees
 * @param why           the reason, for messages that need the transaction
 */
public record RunMode(boolean transactional, Optional<String> notice, String why) {

    private static final RunMode TRANSACTION = new RunMode(true, Optional.empty(), "it runs in a transaction");
    private static final RunMode OPTED_OUT =
            new RunMode(false, Optional.empty(), "it is marked to run outside a transaction");

    /**
     * How a file runs: the migration runner and the linter both ask here, so they never disagree.
     *
     * @param optedOut whether the file says so itself ({@code -- strata:no-transaction}, SQLx's or dbmate's opt-out)
     */
    public static RunMode of(String source, List<Statement> statements, boolean optedOut) {
        return optedOut ? OPTED_OUT : detect(source, statements, unwrap(statements));
    }

    /** The statements without a BEGIN ... COMMIT pair that wraps the whole file: that transaction is the migration's. */
    public static List<Statement> unwrap(List<Statement> statements) {
        int last = statements.size() - 1;
        if (last >= 1
                && statements.get(0).kind() == StatementKind.TRANSACTION_BEGIN
                && statements.get(last).kind() == StatementKind.TRANSACTION_COMMIT) {
            return statements.subList(1, last);
        }
        return statements;
    }

    /**
     * @param statements the file's statements
     * @param unwrapped  the same without a BEGIN ... COMMIT pair around the whole file
     */
    private static RunMode detect(String source, List<Statement> statements, List<Statement> unwrapped) {
        // A file that opens a transaction of its own; a COMMIT with no BEGIN before it is a stray, refused.
        Optional<Statement> control = unwrapped.stream()
                .filter(statement -> statement.kind() == StatementKind.TRANSACTION_BEGIN)
                .findFirst();
        if (control.isPresent()) {
            return new RunMode(
                    false,
                    Optional.of(source + ": opens its own transactions (" + firstWord(control.get())
                            + " at line " + control.get().line() + "), so it runs statement by statement as written, as"
                            + " golang-migrate runs it: what it commits stays even if a later statement fails, and the"
                            + " migration is recorded as failed until its last statement has run."),
                    "it opens its own transactions");
        }
        boolean onlyOutside = !unwrapped.isEmpty()
                && unwrapped.size() == statements.size()
                && unwrapped.stream().allMatch(s -> s.kind() == StatementKind.NO_TRANSACTION);
        if (onlyOutside) {
            return new RunMode(
                    false,
                    Optional.of(source + ": holds only statements that can't run in a transaction ("
                            + statements.get(0).firstLine().strip() + " at line "
                            + statements.get(0).line()
                            + "), so it runs outside one, as Flyway runs it: if it stops part-way, what ran stays and the"
                            + " migration is recorded as failed."),
                    "it holds only statements that run outside a transaction");
        }
        return TRANSACTION;
    }

    /**
     * The file's own transactions, unpaired: {@code at} is the first COMMIT with no transaction open, or
     * else the BEGIN of a transaction still open at the end of the file. Migrate refuses such a file
     * and lint reports it, both in these words.
     */
    public record UnpairedTransaction(Statement at, String problem, String fix) {}

    /** A problem when the file's own transactions don't pair up, as migrate reports it. */
    public static Optional<String> unclosedTransaction(String source, List<Statement> body) {
        return unpairedTransaction(body)
                .map(unpaired ->
                        source + ":" + unpaired.at().line() + ": " + unpaired.problem() + " " + unpaired.fix());
    }

    /** The statement that leaves the file's own transactions unpaired, with what is wrong and the fix. */
    public static Optional<UnpairedTransaction> unpairedTransaction(List<Statement> body) {
        Statement open = null;
        for (Statement statement : body) {
            if (statement.kind() == StatementKind.TRANSACTION_BEGIN) {
                open = statement;
            } else if (statement.kind() == StatementKind.TRANSACTION_COMMIT) {
                if (open == null) {
                    return Optional.of(new UnpairedTransaction(
                            statement,
                            firstWord(statement) + " commits a transaction that the file never opened, so strata"
                                    + " refuses to run the file.",
                            "Remove it, or add BEGIN; where the transaction should start."));
                }
                open = null;
            }
        }
        return Optional.ofNullable(open)
                .map(begin -> new UnpairedTransaction(
                        begin,
                        firstWord(begin) + " opens a transaction that the file never commits, so strata refuses to"
                                + " run the file: the database would roll the transaction back when strata disconnects.",
                        "Add COMMIT; after the file's last statement."));
    }

    private static String firstWord(Statement statement) {
        String line = statement.firstLine().strip();
        int end = 0;
        while (end < line.length() && Character.isLetter(line.charAt(end))) {
            end++;
        }
        return end == 0 ? line : line.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }
}
