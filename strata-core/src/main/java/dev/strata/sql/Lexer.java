package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a migration file into tokens. Splitting only needs to know where quotes and comments begin
 * and end, so the lexer is deliberately shallow: it never validates SQL, it only makes sure a
 * semicolon inside a string or comment is never mistaken for a statement end.
 *
 * <p>Where quotes and comments end must be exactly where the engine's own tokenizer ends them
 * (SQLite's tokenize.c, PostgreSQL's scan.l and the JDBC driver in front of it), or lint and the
 * gates would judge other text than the one that runs. Where the engine and a person reading the
 * file disagree (a lone CR inside a SQLite {@code --} comment, a NUL byte, characters that
 * reorder or break lines only on screen), the file is refused with the place, before anything runs.
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
        refuseUnreadableCharacters();
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
        if (options.tclVariables() && (c == '$' || c == '@' || c == ':' || c == '#')) {
            return variable();
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

    /**
     * PostgreSQL ends a {@code --} comment at LF or CR, SQLite only at LF. A CRLF pair ends it for
     * both (the CR is left to the white space after it). A lone CR inside a SQLite comment would hide
     * the next line from a reader's eyes inside the comment, so it is refused; so are characters that
     * some editors show as a line break while neither engine ends the comment there.
     */
    private TokenKind lineComment() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                if (options.lineCommentEndsAtCarriageReturn() || charAt(pos + 1) == '\n') {
                    break;
                }
                throw error(
                        pos,
                        "a carriage return (CR) without a line feed ends this -- comment for a reader,"
                                + " but SQLite ends a -- comment only at a line feed, so it would take the next line as part"
                                + " of the comment and run the statement without it; save the file with LF or CRLF line"
                                + " ends");
            }
            if (c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                throw error(
                        pos,
                        "a " + describe(c) + " inside this -- comment looks like a line end in some"
                                + " editors, but " + options.engine()
                                + " reads on to the next line feed, so the text after"
                                + " it is part of the comment; replace it with a line break");
            }
            pos++;
        }
        return TokenKind.LINE_COMMENT;
    }

    /**
     * SQLite's {@code $name}, {@code @name}, {@code :name} and {@code #name} parameters. A Tcl-style
     * {@code $name(...)} runs to the first blank or {@code )}, and swallows semicolons, quotes and
     * comment openers on the way, so it must be one token here too.
     */
    private TokenKind variable() {
        int at = pos + 1;
        int letters = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (isTagPart(c) || c == '$') {
                letters++;
                at++;
            } else if (c == '(' && letters > 0) {
                at++;
                while (at < text.length() && !isSqliteSpace(text.charAt(at)) && text.charAt(at) != ')') {
                    at++;
                }
                if (at < text.length() && text.charAt(at) == ')') {
                    at++;
                }
                break;
            } else if (c == ':' && charAt(at + 1) == ':') {
                at += 2;
            } else {
                break;
            }
        }
        pos = at;
        return TokenKind.OTHER;
    }

    /**
     * NUL anywhere (SQLite stops reading the statement at it, PostgreSQL's protocol cannot carry it)
     * and the bidirectional controls that make an editor show text in another order than the engine
     * reads it ("Trojan Source"). Checked before lexing so no token can hide them.
     */
    private void refuseUnreadableCharacters() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw error(
                        i,
                        "a NUL character (byte 0): "
                                + (options.engine().equals("SQLite")
                                        ? "SQLite stops reading the statement there and would run only the part before it"
                                        : "PostgreSQL cannot receive it in a statement")
                                + "; remove it (write char(0) or a blob literal where a value needs one)");
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                throw error(
                        i,
                        "an invisible bidirectional control character (" + describe(c) + ") makes editors and"
                                + " reviews show the text around it in another order than " + options.engine()
                                + " reads it; remove it (inside a string, write it with an escape or char())");
            }
        }
    }

    private static String describe(char c) {
        return switch (c) {
            case '\u000B' -> "vertical tab";
            case '\f' -> "form feed";
            case '\u0085' -> "next-line character (U+0085)";
            case '\u2028' -> "line separator (U+2028)";
            case '\u2029' -> "paragraph separator (U+2029)";
            default -> String.format("U+%04X", (int) c);
        };
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
        String hint =
                deepest > 1 ? " (block comments nest in PostgreSQL, so every /* inside it needs its own */ too)" : "";
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
                if (options.escapeStringsContinue()) {
                    refuseContinuedEscapes(pos);
                }
                return TokenKind.STRING;
            } else {
                at++;
            }
        }
        throw error(
                start,
                "unterminated escape string that begins here; add the closing ' "
                        + "(in E'...' a backslash escapes the next character, so \\' does not close it)");
    }

    /**
     * PostgreSQL joins a string that follows a string after white space holding a line break (and
     * only {@code --} comments), and reads the joined part with the first part's rules. After an
     * {@code E'...'} string a backslash in such a plain-looking string escapes: {@code \'} does not
     * end it, so the statement would end elsewhere than a reader (and the JDBC driver) thinks.
     */
    private void refuseContinuedEscapes(int from) {
        int quote = continuationQuote(from);
        while (quote >= 0) {
            int at = quote + 1;
            while (at < text.length() && !(text.charAt(at) == '\'' && charAt(at + 1) != '\'')) {
                if (text.charAt(at) == '\\') {
                    throw error(
                            at,
                            "this string continues the E'...' string before it (PostgreSQL joins strings"
                                    + " separated by a line break), so PostgreSQL reads this backslash as an escape; write"
                                    + " E in front of this string too, or join the two strings");
                }
                at += text.charAt(at) == '\'' ? 2 : 1;
            }
            if (at >= text.length()) {
                return; // unterminated: the normal lexing reports it
            }
            quote = continuationQuote(at + 1);
        }
    }

    /** Where a string joined to the one ending before {@code from} opens, or -1 (scan.l's quotecontinue). */
    private int continuationQuote(int from) {
        int at = from;
        while (at < text.length() && isHorizontalSpace(text.charAt(at))) {
            at++;
        }
        if (startsWith("--", at)) {
            at = endOfPostgresComment(at);
        }
        if (at >= text.length() || (text.charAt(at) != '\n' && text.charAt(at) != '\r')) {
            return -1;
        }
        while (at < text.length()) {
            char c = text.charAt(at);
            if (isHorizontalSpace(c) || c == '\n' || c == '\r') {
                at++;
            } else if (startsWith("--", at)) {
                at = endOfPostgresComment(at);
                if (at >= text.length()) {
                    return -1;
                }
            } else {
                return c == '\'' ? at : -1;
            }
        }
        return -1;
    }

    private int endOfPostgresComment(int at) {
        while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
            at++;
        }
        return at;
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
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
            throw error(
                    start,
                    "unterminated dollar quote " + delimiter + " that begins here; add the closing " + delimiter);
        }
        pos = close + delimiter.length();
        return TokenKind.DOLLAR_STRING;
    }

    private TokenKind number() {
        pos++;
        while (pos < text.length()
                && (isWordPart(text.charAt(pos)) || text.charAt(pos) == '.')
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
        return error(
                pos,
                "psql meta-command " + command + " is not SQL: strata runs plain SQL statements over"
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

    /** sqlite3Isspace: what ends a Tcl-style variable. */
    private static boolean isSqliteSpace(char c) {
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
