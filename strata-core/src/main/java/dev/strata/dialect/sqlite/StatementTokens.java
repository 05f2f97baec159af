package dev.strata.dialect.sqlite;

import dev.strata.sql.SqlTokens;
import dev.strata.sql.Token;
import dev.strata.sql.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The significant tokens (comments and white space dropped) of one SQL statement stored in
 * sqlite_schema, addressed by index, with the original text kept to cut fragments from. Asking past
 * the end answers "no" instead of failing, so the parser can look ahead freely.
 */
final class StatementTokens {

    private final String text;
    private final List<Token> tokens;
    /** Whether white space or a comment came just before each significant token. */
    private final List<Boolean> spaceBefore;

    private StatementTokens(String text, List<Token> tokens, List<Boolean> spaceBefore) {
        this.text = text;
        this.tokens = tokens;
        this.spaceBefore = spaceBefore;
    }

    static StatementTokens of(String text) {
        List<Token> significant = new ArrayList<>();
        List<Boolean> spaceBefore = new ArrayList<>();
        boolean trivia = false;
        for (Token token : SqlTokens.sqlite("sqlite_schema", text)) {
            if (token.kind().isTrivia()) {
                trivia = true;
            } else {
                significant.add(token);
                spaceBefore.add(trivia);
                trivia = false;
            }
        }
        return new StatementTokens(text, significant, spaceBefore);
    }

    int size() {
        return tokens.size();
    }

    /** True when the token at {@code index} is the bare word {@code keyword} (upper case), in any case. */
    boolean isWord(int index, String keyword) {
        return index >= 0
                && index < tokens.size()
                && tokens.get(index).is(TokenKind.WORD)
                && tokens.get(index).text(text).toUpperCase(Locale.ROOT).equals(keyword);
    }

    boolean isAnyWord(int index, String... keywords) {
        for (String keyword : keywords) {
            if (isWord(index, keyword)) {
                return true;
            }
        }
        return false;
    }

    boolean isSymbol(int index, String symbol) {
        return index >= 0
                && index < tokens.size()
                && tokens.get(index).is(TokenKind.OTHER)
                && tokens.get(index).text(text).equals(symbol);
    }

    boolean is(int index, TokenKind kind) {
        return index >= 0 && index < tokens.size() && tokens.get(index).is(kind);
    }

    /** The first index at or after {@code from} holding {@code symbol} outside parentheses, or -1. */
    int indexOfSymbol(int from, String symbol) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            if (depth == 0 && isSymbol(i, symbol)) {
                return i;
            }
            depth += isSymbol(i, "(") ? 1 : isSymbol(i, ")") ? -1 : 0;
        }
        return -1;
    }

    /** The first index at or after {@code from} holding the bare word {@code keyword} outside parentheses, or -1. */
    int indexOfWord(int from, String keyword) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            if (depth == 0 && isWord(i, keyword)) {
                return i;
            }
            depth += isSymbol(i, "(") ? 1 : isSymbol(i, ")") ? -1 : 0;
        }
        return -1;
    }

    /** The index just after the parenthesised group opening at {@code open} (or the size when it never closes). */
    int skipGroup(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (isSymbol(i, "(")) {
                depth++;
            } else if (isSymbol(i, ")") && --depth == 0) {
                return i + 1;
            }
        }
        return tokens.size();
    }

    /** The stretches of {@code [from, to)} between commas that stand outside parentheses, each as {from, to}. */
    List<int[]> splitAtCommas(int from, int to) {
        List<int[]> items = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (isSymbol(i, "(")) {
                depth++;
            } else if (isSymbol(i, ")")) {
                depth--;
            } else if (depth == 0 && isSymbol(i, ",")) {
                items.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (start < to) {
            items.add(new int[] {start, to});
        }
        return items;
    }

    /**
     * The name a token stands for: a bare word as written, a quoted name ({@code "a""b"}, {@code `x`},
     * {@code [x]}) without its quotes, or a string, which SQLite also accepts as a name.
     */
    String identifier(int index) {
        if (index < 0 || index >= tokens.size()) {
            return "";
        }
        String raw = tokens.get(index).text(text);
        Token token = tokens.get(index);
        if (token.is(TokenKind.QUOTED_IDENTIFIER) || token.is(TokenKind.STRING)) {
            char quote = raw.charAt(0);
            String inner = raw.substring(1, raw.length() - 1);
            return switch (quote) {
                case '[' -> inner;
                case '"' -> inner.replace("\"\"", "\"");
                case '`' -> inner.replace("``", "`");
                case '\'' -> inner.replace("''", "'");
                default -> raw;
            };
        }
        return raw;
    }

    /** The names in the parenthesised list opening at {@code open}, one per comma-separated item. */
    List<String> identifierList(int open) {
        int close = skipGroup(open) - 1;
        List<String> names = new ArrayList<>();
        for (int[] item : splitAtCommas(open + 1, close)) {
            names.add(identifier(item[0]));
        }
        return names;
    }

    /**
     * Tokens {@code [from, to)} as one canonical line: comments dropped, each run of white space
     * made one space, none after {@code (} or before {@code )} and {@code ,}, one after {@code ,}.
     * Applying it to its own output changes nothing, so a fragment written back and read again
     * compares equal.
     */
    String fragment(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to && i < tokens.size(); i++) {
            if (i > from
                    && !isSymbol(i - 1, "(")
                    && !isSymbol(i, ")")
                    && !isSymbol(i, ",")
                    && (isSymbol(i - 1, ",") || spaceBefore.get(i))) {
                out.append(' ');
            }
            out.append(tokens.get(i).text(text));
        }
        return out.toString();
    }

    /** The original text from token {@code from} to the end of the statement, as written. */
    String rest(int from) {
        return from >= tokens.size()
                ? ""
                : text.substring(tokens.get(from).start()).strip();
    }
}
