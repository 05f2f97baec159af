package dev.strata.sql;

import java.util.List;
import java.util.Locale;

/**
 * The significant tokens of one statement (comments and white space dropped), read the way the
 * classifier needs them: by position, keywords compared without regard to case. Asking past the
 * end answers "no" instead of failing, so rules can look ahead freely.
 */
final class Words {

    private final String input;
    private final List<Token> tokens;

    Words(String input, List<Token> tokens) {
        this.input = input;
        this.tokens = tokens;
    }

    int size() {
        return tokens.size();
    }

    /** True when the token at {@code index} is a bare word equal to {@code keyword} (upper case). */
    boolean is(int index, String keyword) {
        return index >= 0
                && index < tokens.size()
                && tokens.get(index).is(TokenKind.WORD)
                && tokens.get(index).text(input).toUpperCase(Locale.ROOT).equals(keyword);
    }

    boolean isAny(int index, String... keywords) {
        for (String keyword : keywords) {
            if (is(index, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** True when the bare word appears anywhere from {@code from} on. */
    boolean contains(int from, String keyword) {
        return indexOf(from, keyword) >= 0;
    }

    int indexOf(int from, String keyword) {
        for (int i = Math.max(from, 0); i < tokens.size(); i++) {
            if (is(i, keyword)) {
                return i;
            }
        }
        return -1;
    }

    boolean isSymbol(int index, String symbol) {
        return index >= 0
                && index < tokens.size()
                && tokens.get(index).is(TokenKind.OTHER)
                && tokens.get(index).text(input).equals(symbol);
    }

    /**
     * Skips a parenthesised option list such as {@code (VERBOSE, CONCURRENTLY)} when one starts at
     * {@code index}, answering the index just after it (or the size when it never closes).
     */
    int skipParentheses(int index) {
        if (!isSymbol(index, "(")) {
            return index;
        }
        int depth = 0;
        for (int i = index; i < tokens.size(); i++) {
            if (isSymbol(i, "(")) {
                depth++;
            } else if (isSymbol(i, ")") && --depth == 0) {
                return i + 1;
            }
        }
        return tokens.size();
    }
}
