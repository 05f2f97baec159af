package dev.strata.sql;

import java.util.Set;

/** SQLite (and Cloudflare D1, which speaks the same SQL). */
final class SqliteSyntax implements SqlSyntax {

    static final SqliteSyntax INSTANCE = new SqliteSyntax();

    /**
     * X'...' is a blob literal; reading it as one token keeps the token list honest. The rest follows
     * SQLite's tokenizer (tokenize.c): a {@code --} comment ends only at LF, and {@code $a(x;y)} is
     * one parameter.
     */
    private static final LexerOptions OPTIONS =
            new LexerOptions("SQLite", false, true, false, true, true, false, false, false, Set.of("X"), false);

    private SqliteSyntax() {}

    @Override
    public LexerOptions lexerOptions() {
        return OPTIONS;
    }

    /** CREATE [TEMP|TEMPORARY] TRIGGER: the only SQLite statement with a semicolon-separated body. */
    @Override
    public boolean mayHoldBody(Words head) {
        int at = head.isAny(1, "TEMP", "TEMPORARY") ? 2 : 1;
        return head.is(0, "CREATE") && head.is(at, "TRIGGER");
    }

    /** A trigger's first BEGIN always opens its body; nothing in the header may use the word. */
    @Override
    public boolean opensBody(Words beginOnward) {
        return true;
    }

    @Override
    public String bodyName() {
        return "trigger body";
    }

    /** VACUUM (including VACUUM INTO) fails inside a transaction. */
    @Override
    public boolean needsNoTransaction(Words words) {
        return words.is(0, "VACUUM");
    }
}
