package dev.strata.sql;

/** The lexical classes both dialects share; a dialect only decides which of them it recognises. */
public enum TokenKind {
    WHITESPACE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    /** Any string literal, prefixed ones (E'', X'' ...) included. */
    STRING,
    QUOTED_IDENTIFIER,
    /** A PostgreSQL dollar-quoted string, tags included. */
    DOLLAR_STRING,
    WORD,
    NUMBER,
    SEMICOLON,
    /** Operators, parentheses, parameters and anything else that cannot hide a semicolon. */
    OTHER;

    /** Trivia never starts a statement and never decides its kind. */
    public boolean isTrivia() {
        return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
