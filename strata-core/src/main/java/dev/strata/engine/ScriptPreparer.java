package dev.strata.engine;

import dev.strata.dialect.ExecutableScript;
import dev.strata.source.TransactionHeaders;
import dev.strata.sql.Directive;
import dev.strata.sql.SqlScript;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.Statement;
import dev.strata.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a script's text into something safe to run, or into the list of reasons it is not: splits
 * it, accepts one BEGIN ... COMMIT pair around the whole file, and refuses any other transaction
 * control, unknown directives, and statements that can't run in a transaction unless the file says
 * {@code -- strata:no-transaction}.
 *
 * <p>Public so that everything that runs migrations (migrate, down, the shadow database) prepares
 * them the same way.
 */
public final class ScriptPreparer {

    static final String NO_TRANSACTION = "no-transaction";
    private static final Set<String> KNOWN_DIRECTIVES = Set.of(NO_TRANSACTION);

    private ScriptPreparer() {}

    /** The outcome: a script when {@code problems} is empty. */
    public record Prepared(ExecutableScript script, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Prepared prepare(String source, String text, SqlSplitter splitter) {
        SqlScript parsed;
        try {
            parsed = splitter.split(source, text);
        } catch (SqlSyntaxException e) {
            return new Prepared(null, List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        for (Directive directive : parsed.directives()) {
            if (!KNOWN_DIRECTIVES.contains(directive.name())) {
                problems.add(source + ":" + directive.line() + ": unknown directive 'strata:" + directive.name()
                        + "'; known: " + String.join(", ", KNOWN_DIRECTIVES.stream().sorted().toList()));
            } else if (directive.name().equals(NO_TRANSACTION) && !directive.inHeader()) {
                problems.add(source + ":" + directive.line() + ": '-- strata:no-transaction' must stand before the"
                        + " first statement of the file");
            }
        }
        // SQLx's and dbmate's own opt-outs mean the same as strata's directive.
        boolean transactional = !parsed.hasDirective(NO_TRANSACTION) && !TransactionHeaders.optsOut(text);
        List<Statement> body = transactional ? unwrap(parsed.statements()) : parsed.statements();
        for (Statement statement : body) {
            problemOf(source, statement, transactional).ifPresent(problems::add);
        }
        return new Prepared(new ExecutableScript(source, body, transactional), List.copyOf(problems));
    }

    /** Drops a BEGIN ... COMMIT pair that wraps the whole file: that transaction is the migration's own. */
    private static List<Statement> unwrap(List<Statement> statements) {
        int last = statements.size() - 1;
        if (last >= 1 && statements.get(0).kind() == StatementKind.TRANSACTION_BEGIN
                && statements.get(last).kind() == StatementKind.TRANSACTION_COMMIT) {
            return statements.subList(1, last);
        }
        return statements;
    }

    private static java.util.Optional<String> problemOf(String source, Statement statement, boolean transactional) {
        String where = source + ":" + statement.line() + ": " + statement.firstLine();
        return switch (statement.kind()) {
            case TRANSACTION_BEGIN, TRANSACTION_COMMIT, TRANSACTION_OTHER -> java.util.Optional.of(where
                    + System.lineSeparator() + "    transaction control inside a migration: strata runs each migration"
                    + (transactional
                        ? " in its own transaction. Remove it (one BEGIN ... COMMIT around the whole file is accepted)."
                        : " marked no-transaction statement by statement. Remove it."));
            case NO_TRANSACTION -> transactional
                    ? java.util.Optional.of(where + System.lineSeparator() + "    this statement can't run inside a"
                        + " transaction. Put '-- strata:no-transaction' on the file's first line (the migration then"
                        + " runs statement by statement, and is recorded as failed if it stops part-way).")
                    : java.util.Optional.empty();
            case ORDINARY -> java.util.Optional.empty();
        };
    }
}
