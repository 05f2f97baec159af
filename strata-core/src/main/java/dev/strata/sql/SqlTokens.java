package dev.strata.sql;

import java.util.List;

/**
 * The lexer's tokens for code outside this package that must read SQL text, such as the SQLite
 * schema reader, which finds what the catalog does not report (CHECK expressions, collations) in
 * the stored CREATE statements. Reading tokens instead of matching patterns over the text keeps
 * strings, quoted names and comments from being mistaken for keywords.
 */
public final class SqlTokens {

    private SqlTokens() {}

    /**
     * Every token of {@code text} read as SQLite reads it, white space and comments included, so
     * the tokens cover the text without gaps.
     *
     * @param source names the text in messages
     * @throws SqlSyntaxException on an unterminated quote or comment
     */
    public static List<Token> sqlite(String source, String text) {
        return Lexer.lex(source, text, SqliteSyntax.INSTANCE.lexerOptions());
    }
}
