package dev.strata.sql;

/**
 * Splits PostgreSQL migration files. Understands standard and E'...' strings, dollar quotes,
 * nesting block comments and BEGIN ATOMIC routine bodies, and refuses psql meta-commands, which
 * only psql itself can run.
 */
public final class PostgresSplitter implements SqlSplitter {

    public static final PostgresSplitter INSTANCE = new PostgresSplitter();

    private static final ScriptSplitter SPLITTER = new ScriptSplitter(PostgresSyntax.INSTANCE);

    public PostgresSplitter() {}

    @Override
    public SqlScript split(String source, String text) {
        return SPLITTER.split(source, text);
    }

    @Override
    public TokenizedScript tokenize(String source, String text) {
        return SPLITTER.tokenize(source, text);
    }
}
