package dev.strata.sql;

/**
 * Splits SQLite (and Cloudflare D1) migration files. Understands '...' strings, "...", `...` and
 * [...] identifiers, non-nesting block comments and the BEGIN ... END body of CREATE TRIGGER.
 */
public final class SqliteSplitter implements SqlSplitter {

    public static final SqliteSplitter INSTANCE = new SqliteSplitter();

    private static final ScriptSplitter SPLITTER = new ScriptSplitter(SqliteSyntax.INSTANCE);

    public SqliteSplitter() {}

    @Override
    public SqlScript split(String source, String text) {
        return SPLITTER.split(source, text);
    }

    @Override
    public TokenizedScript tokenize(String source, String text) {
        return SPLITTER.tokenize(source, text);
    }
}
