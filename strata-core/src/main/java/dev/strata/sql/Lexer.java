package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a migration file into tokens. Splitting only needs to know where quotes and comments begin
 * and end, so the lexer is deliberately shallow: it never validates SQL, it only makes sure a
 * semicolon inside a string or comment is never mistaken for a statement end.
 */
final class Lexer {

    private final String source;
    private final String text;
    private final LexerOptions options;
    private final LineMap lines;
    private int pos;

    private Lexer(String source, String text, LexerOptions options) {
        this.source = source;
        this.text = text;
        this.options = options;
        this.lines = new LineMap(text);
    }

    /** @throws SqlSyntaxException on a quote, comment or meta-command the file cannot hold */
    static List<Token> lex(String source, String text, LexerOptions options) {
        return new Lexer(source, text, options).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (pos < text.length()) {
            int start = pos;
            TokenKind kind = next();
            tokens.add(new Token(kind, start, pos, lines.line(start), lines.column(start)));
        }
        return tokens;
    }

    private TokenKind next() {
        char c = text.charAt(pos);
        char following = charAt(pos + 1);
        if (isSpace(c)) {
            while (pos < text.length() && isSpace(text.charAt(pos))) {
                pos++;
            }
            return TokenKind.WHITESPACE;
        }
        if (c == '-' && following == '-') {
            return lineComment();
        }
        if (c == '/' && following == '*') {
            return blockComment();
        }
        if (c == '\'') {
            return quoted(pos, '\'', TokenKind.STRING);
        }
        if (c == '"') {
            return quoted(pos, '"', TokenKind.QUOTED_IDENTIFIER);
        }
        if (c == '`' && options.backtickIdentifiers()) {
            return quoted(pos, '`', TokenKind.QUOTED_IDENTIFIER);
        }
        if (c == '[' && options.bracketIdentifiers()) {
            return bracketed();
        }
        if (c == '$' && options.dollarQuotes()) {
            return dollar();
        }
        if (c == ';') {
            pos++;
            return TokenKind.SEMICOLON;
        }
        if (c == '\\' && options.metaCommands() && startsLine(pos)) {
            throw metaCommand();
        }
        if (isDigit(c) || (c == '.' && isDigit(following))) {
            return number();
        }
        if (isWordStart(c)) {
            return wordOrPrefixedString();
        }
        pos++;
        return TokenKind.OTHER;
    }

    private TokenKind lineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
        return TokenKind.LINE_COMMENT;
    }

    private TokenKind blockComment() {
        int start = pos;
        int depth = 0;
        int deepest = 0;
        while (pos < text.length()) {
            if (startsWith("/*", pos) && (depth == 0 || options.nestedBlockComments())) {
                depth++;
                deepest = Math.max(deepest, depth);
                pos += 2;
            } else if (startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return TokenKind.BLOCK_COMMENT;
                }
            } else {
                pos++;
            }
        }
        String hint = deepest > 1
                ? " (block comments nest in PostgreSQL, so every /* inside it needs its own */ too)"
                : "";
        throw error(start, "unterminated block comment that begins here; add the closing */" + hint);
    }

    /** Strings and identifiers whose only escape is a doubled quote character. */
    private TokenKind quoted(int start, char quote, TokenKind kind) {
        int at = text.indexOf(quote, pos + 1);
        while (at >= 0 && charAt(at + 1) == quote) {
            at = text.indexOf(quote, at + 2);
        }
        if (at < 0) {
            String what = kind == TokenKind.STRING ? "string literal" : "quoted identifier";
            throw error(start, "unterminated " + what + " that begins here; add the closing " + quote);
        }
        pos = at + 1;
        return kind;
    }

    private TokenKind escapeString(int start) {
        int at = pos + 1;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\') {
                at += 2;
            } else if (c == '\'' && charAt(at + 1) == '\'') {
                at += 2;
            } else if (c == '\'') {
                pos = at + 1;
                return TokenKind.STRING;
            } else {
                at++;
            }
        }
        throw error(start, "unterminated escape string that begins here; add the closing ' "
                + "(in E'...' a backslash escapes the next character, so \\' does not close it)");
    }

    private TokenKind bracketed() {
        int at = text.indexOf(']', pos + 1);
        if (at < 0) {
            throw error(pos, "unterminated quoted identifier that begins here; add the closing ]");
        }
        pos = at + 1;
        return TokenKind.QUOTED_IDENTIFIER;
    }

    /**
     * A dollar opens a quote only when a valid tag and a second dollar follow; otherwise it is a
     * parameter such as {@code $1} or a stray character. A dollar inside a word never gets here
     * because words swallow it ({@code foo$bar}).
     */
    private TokenKind dollar() {
        int start = pos;
        if (isDigit(charAt(pos + 1))) {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            return TokenKind.OTHER;
        }
        int tagEnd = pos + 1;
        if (tagEnd < text.length() && isWordStart(text.charAt(tagEnd))) {
            while (tagEnd < text.length() && isTagPart(text.charAt(tagEnd))) {
                tagEnd++;
            }
        }
        if (charAt(tagEnd) != '$') {
            pos++;
            return TokenKind.OTHER;
        }
        String delimiter = text.substring(start, tagEnd + 1);
        int close = text.indexOf(delimiter, tagEnd + 1);
        if (close < 0) {
            throw error(start, "unterminated dollar quote " + delimiter + " that begins here; add the closing "
                    + delimiter);
        }
        pos = close + delimiter.length();
        return TokenKind.DOLLAR_STRING;
    }

    private TokenKind number() {
        pos++;
        while (pos < text.length() && (isWordPart(text.charAt(pos)) || text.charAt(pos) == '.')
                && text.charAt(pos) != '$') {
            pos++;
        }
        return TokenKind.NUMBER;
    }

    private TokenKind wordOrPrefixedString() {
        int start = pos;
        for (String prefix : options.stringPrefixes()) {
            if (!text.regionMatches(true, start, prefix, 0, prefix.length())) {
                continue;
            }
            int quoteAt = start + prefix.length();
            char quote = charAt(quoteAt);
            if (quote == '\'') {
                pos = quoteAt;
                return prefix.equals("E") && options.escapeStrings()
                        ? escapeString(start)
                        : quoted(start, '\'', TokenKind.STRING);
            }
            if (quote == '"' && prefix.equals("U&")) {
                pos = quoteAt;
                return quoted(start, '"', TokenKind.QUOTED_IDENTIFIER);
            }
        }
        while (pos < text.length() && isWordPart(text.charAt(pos))) {
            pos++;
        }
        return TokenKind.WORD;
    }

    /** psql reads a backslash as a command only when it opens the line (after blanks). */
    private boolean startsLine(int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n' || text.charAt(i) == '\r';
    }

    private SqlSyntaxException metaCommand() {
        int end = pos + 1;
        while (end < text.length() && isAsciiLetter(text.charAt(end))) {
            end++;
        }
        if (end == pos + 1 && end < text.length() && !isSpace(text.charAt(end))) {
            end++;
        }
        String command = text.substring(pos, end);
        return error(pos, "psql meta-command " + command + " is not SQL: strata runs plain SQL statements over"
                + " JDBC; move it to a script run by psql");
    }

    private SqlSyntaxException error(int offset, String problem) {
        return new SqlSyntaxException(source, lines.line(offset), lines.column(offset), problem);
    }

    private boolean startsWith(String prefix, int at) {
        return text.startsWith(prefix, at);
    }

    /** Reading past the end yields NUL, which no rule matches, so callers need no bounds checks. */
    private char charAt(int at) {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Non-ASCII characters count as letters, as both engines accept them in bare identifiers. */
    private static boolean isWordStart(char c) {
        return isAsciiLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isTagPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    private static boolean isWordPart(char c) {
        return isTagPart(c) || c == '$';
    }
}
