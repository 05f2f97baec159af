package dev.strata.lint;

import dev.strata.sql.Lexeme;
import dev.strata.sql.PostgresSplitter;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.TokenizedScript;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The history is strata's own: a migration that writes it can make another migration run twice, or
 * none run again. Reads of the history are fine; what counts as a write is a history table named
 * right after the words that write to a table (INSERT/REPLACE INTO, UPDATE, DELETE FROM, TRUNCATE,
 * ALTER/DROP/CREATE TABLE, a trigger or rule ON it), also inside a PostgreSQL dollar-quoted body
 * such as a DO block. The same is checked again at run time, before each migration commits.
 */
final class HistoryRules {

    private HistoryRules() {}

    static final StatementRule HISTORY_WRITE = new StatementRule(
            "history-write",
            Severity.ERROR,
            StatementRule.ALL,
            "a statement that writes strata's history tables (or wrangler's d1_migrations when strata keeps it)",
            HistoryRules::historyWrite);

    /** Words after which the next name is a table being written. */
    private static final Set<String> WRITE_WORDS = Set.of("INTO", "UPDATE", "TABLE", "TRUNCATE");

    /** Words that may stand between a writing word and the table's name. */
    private static final Set<String> SKIPPED = Set.of("ONLY", "IF", "NOT", "EXISTS", "OR", "REPLACE");

    private static void historyWrite(StatementContext context, StatementRule.Reporter report) {
        scan(context.statement().part().lexemes(), context, report, null, 0);
    }

    private static void scan(
            List<Lexeme> lexemes, StatementContext context, StatementRule.Reporter report, Lexeme reportAt, int depth) {
        boolean deletes = false;
        boolean trigger = false;
        for (int i = 0; i < lexemes.size(); i++) {
            Lexeme lexeme = lexemes.get(i);
            deletes |= lexeme.isWord("DELETE");
            trigger |= lexeme.isWord("TRIGGER") || lexeme.isWord("RULE") || lexeme.isWord("POLICY");
            if (lexeme.kind() == Lexeme.Kind.STRING && lexeme.text().startsWith("$") && depth < 3) {
                scanBody(lexeme, context, report, reportAt == null ? lexeme : reportAt, depth);
                continue;
            }
            if (!lexeme.isIdentifier() || !context.historyTables().contains(unquoted(lexeme.text()))) {
                continue;
            }
            // Skip a schema qualifier: the writing word stands before "schema".
            int before = i - 1;
            if (before >= 1 && lexemes.get(before).isSymbol(".")) {
                before -= 2;
            }
            while (before >= 0
                    && lexemes.get(before).kind() == Lexeme.Kind.WORD
                    && SKIPPED.contains(lexemes.get(before).upper())) {
                before--;
            }
            if (before < 0) {
                continue;
            }
            Lexeme word = lexemes.get(before);
            boolean writes = word.kind() == Lexeme.Kind.WORD
                    && (WRITE_WORDS.contains(word.upper())
                            || (word.isWord("FROM") && deletes)
                            || (word.isWord("ON") && trigger));
            if (writes) {
                Lexeme at = reportAt == null ? lexeme : reportAt;
                report.report(
                        at,
                        lexeme.text() + " belongs to strata: it records which migrations ran, and a"
                                + " migration that writes it can make another one run twice or never again. Strata also"
                                + " refuses it at run time, before the migration commits.",
                        "Leave the history to strata: to undo a migration use 'strata down', to forget a failed one"
                                + " 'strata repair', to start from an existing schema 'strata baseline'.");
                return;
            }
        }
    }

    /** The body of {@code $tag$ ... $tag$}, read as statements when it holds any (a DO block, a function). */
    private static void scanBody(
            Lexeme string, StatementContext context, StatementRule.Reporter report, Lexeme reportAt, int depth) {
        String text = string.text();
        int open = text.indexOf('$', 1) + 1;
        int close = text.length() - open;
        if (open <= 0 || close < open) {
            return;
        }
        TokenizedScript body;
        try {
            body = PostgresSplitter.INSTANCE.tokenize("body", text.substring(open, close));
        } catch (SqlSyntaxException notSql) {
            return;
        }
        for (TokenizedScript.Part part : body.statements()) {
            scan(part.lexemes(), context, report, reportAt, depth + 1);
        }
    }

    private static String unquoted(String name) {
        String bare = name.length() >= 2 && (name.startsWith("\"") || name.startsWith("`") || name.startsWith("["))
                ? name.substring(1, name.length() - 1)
                : name;
        return bare.toLowerCase(Locale.ROOT);
    }
}
