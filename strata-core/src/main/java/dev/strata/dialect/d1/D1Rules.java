package dev.strata.dialect.d1;

import dev.strata.dialect.ExecutableScript;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.Statement;
import dev.strata.sql.StatementKind;
import dev.strata.sql.Token;
import dev.strata.sql.TokenKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What remote D1 refuses or ignores, checked when a run is planned, before any request that changes
 * something is sent. Each refusal names the file and line and says what to write instead.
 *
 * <p>The limits are D1's documented ones (developers.cloudflare.com/d1/platform/limits): 100,000
 * bytes per SQL statement and 100 bound parameters per query. A migration is one request, and D1
 * documents no statement count for the REST API's batch, so strata keeps each batch within the 1,000
 * queries D1 allows a Worker invocation on Workers Paid.
 */
final class D1Rules {

    static final int MAX_STATEMENT_BYTES = 100_000;
    static final int MAX_BATCH_STATEMENTS = 1_000;
    /** A migration's request also carries its history rows (strata's, wrangler's, the duration). */
    private static final int HISTORY_STATEMENTS = 4;

    private D1Rules() {}

    static List<String> problems(ExecutableScript script) {
        List<String> problems = new ArrayList<>();
        String source = script.source();
        // A backfill is the one reason to run outside a transaction on D1: its batches are requests of
        // their own, each well under D1's time limit, where one big UPDATE would run into it.
        if (!script.transactional() && script.backfills().isEmpty()) {
            problems.add(source + ": '-- strata:no-transaction' can't be honoured on remote D1, which runs every"
                    + " request as one transaction (and has no statement that needs to run outside one); remove the"
                    + " directive.");
        }
        if (script.foreignKeysOff()) {
            problems.add(source + ":1: '-- strata:foreign-keys off' can't work on remote D1: D1 always enforces"
                    + " foreign keys and ignores PRAGMA foreign_keys. Write the rebuild the D1-safe way, as 'strata"
                    + " alter' does with [migrations] target = \"d1\": start the migration with PRAGMA"
                    + " defer_foreign_keys = on, copy the rows, rebuild the tables that reference the table too (their"
                    + " ON DELETE actions would fire on DROP TABLE), and let the keys be checked at the end.");
        }
        if (!script.verifications().isEmpty()) {
            problems.add(source + ":" + script.verifications().get(0).line() + ": '-- strata:verify' is not run on"
                    + " remote D1 yet (a migration is one request, and D1 returns nothing before it commits); check"
                    + " it on a local copy (d1-local:) and remove the directive for remote D1.");
        }
        if (!script.requirements().isEmpty()) {
            problems.add(source + ":" + script.requirements().get(0).line() + ": '-- strata:require' is not run on"
                    + " remote D1 (a migration is one request, and nothing in it can stop it on a query's answer);"
                    + " check the precondition yourself, or on a local copy (d1-local:), and remove the directive"
                    + " for remote D1.");
        }
        int total = script.statements().size() + HISTORY_STATEMENTS;
        if (total > MAX_BATCH_STATEMENTS) {
            problems.add(source + ": " + script.statements().size() + " statements make a request of " + total
                    + " queries, more than the " + MAX_BATCH_STATEMENTS + " D1 allows (its limit of queries per"
                    + " Worker invocation); split the migration into several files.");
        }
        for (Statement statement : script.statements()) {
            check(source, statement).forEach(problems::add);
        }
        return problems;
    }

    private static List<String> check(String source, Statement statement) {
        List<String> problems = new ArrayList<>();
        String at = source + ":" + statement.line() + ": ";
        int bytes = statement.sql().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_STATEMENT_BYTES) {
            problems.add(at + "the statement is " + bytes + " bytes long; D1 refuses statements over its limit of"
                    + " 100,000 bytes (100 KB) per SQL statement. Split it (e.g. one INSERT per few hundred rows).");
        }
        if (statement.kind() == StatementKind.TRANSACTION_BEGIN
                || statement.kind() == StatementKind.TRANSACTION_COMMIT
                || statement.kind() == StatementKind.TRANSACTION_OTHER) {
            problems.add(at + statement.firstLine() + ": D1 refuses BEGIN, COMMIT, ROLLBACK and SAVEPOINT; each"
                    + " migration already runs as one transaction, so remove the statement.");
        }
        List<String> words = new ArrayList<>();
        try {
            for (Token token : SqlTokens.sqlite(source, statement.sql())) {
                String text = token.text(statement.sql());
                if (token.is(TokenKind.WORD)) {
                    words.add(text.toLowerCase(Locale.ROOT));
                } else if (token.is(TokenKind.QUOTED_IDENTIFIER) && text.length() >= 2) {
                    words.add(text.substring(1, text.length() - 1).toLowerCase(Locale.ROOT));
                } else if (!token.kind().isTrivia()) {
                    words.add(text);
                }
            }
        } catch (SqlSyntaxException e) {
            return problems; // the splitter already reported what does not lex
        }
        if (words.size() >= 2
                && words.get(0).equals("pragma")
                && (words.get(1).equals("foreign_keys")
                        || words.size() >= 4
                                && words.get(2).equals(".")
                                && words.get(3).equals("foreign_keys"))) {
            problems.add(at + statement.firstLine() + ": D1 ignores PRAGMA foreign_keys (it always enforces foreign"
                    + " keys); use PRAGMA defer_foreign_keys = on to check them at the end of the migration instead.");
        }
        words.stream()
                .filter(word -> word.startsWith("_cf_"))
                .findFirst()
                .ifPresent(word -> problems.add(at
                        + statement.firstLine() + ": " + word
                        + " is one of D1's internal _cf_ tables, which strata never"
                        + " touches (D1 refuses access to them); remove the reference."));
        return problems;
    }
}
