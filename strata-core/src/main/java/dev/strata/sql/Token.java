package dev.strata.sql;

/**
 * A slice of the input. Tokens carry offsets rather than text so the input can always be rebuilt
 * exactly from them.
 *
 * @param kind   lexical class
 * @param start  offset of the first character
 * @param end    offset just after the last character
 * @param line   1-based line of the first character
 * @param column 1-based column of the first character
 */
public record Token(TokenKind kind, int start, int end, int line, int column) {

    /** This token's text, cut from the input it was lexed from. */
    public String text(String input) {
        return input.substring(start, end);
    }

    public boolean is(TokenKind other) {
        return kind == other;
    }
}
