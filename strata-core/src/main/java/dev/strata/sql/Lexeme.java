package dev.strata.sql;

import java.util.Locale;
import java.util.Objects;

/**
 * One significant token of a statement (white space and comments are never lexemes), for tools
 * that read what a statement does, such as the linter. Produced by {@link SqlSplitter#tokenize}.
 *
 * @param kind   what sort of token it is
 * @param text   the token exactly as written, quotes included
 * @param offset where it starts inside {@link Statement#sql()} (0-based)
 * @param line   1-based line in the file
 * @param column 1-based column in the file
 */
public record Lexeme(Kind kind, String text, int offset, int line, int column) {

    /** The lexical classes a reader of statements needs. */
    public enum Kind {
        /** A bare word: a keyword or an unquoted identifier. */
        WORD,
        /** {@code "name"}, and in SQLite also {@code `name`} and {@code [name]}. */
        QUOTED_IDENTIFIER,
        /** Any string literal, dollar-quoted and prefixed ones included. */
        STRING,
        NUMBER,
        /** Operators, parentheses, commas, parameters, and a semicolon inside a compound body. */
        SYMBOL
    }

    public Lexeme {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** True for a bare word equal to {@code keyword}, ignoring case. */
    public boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A bare word or a quoted identifier: something that may name an object. */
    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** The word in upper case, for keyword comparisons. */
    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    static Kind kindOf(TokenKind kind) {
        return switch (kind) {
            case WORD -> Kind.WORD;
            case QUOTED_IDENTIFIER -> Kind.QUOTED_IDENTIFIER;
            case STRING, DOLLAR_STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case SEMICOLON, OTHER -> Kind.SYMBOL;
            case WHITESPACE, LINE_COMMENT, BLOCK_COMMENT -> throw new IllegalArgumentException("trivia is no lexeme");
        };
    }
}
