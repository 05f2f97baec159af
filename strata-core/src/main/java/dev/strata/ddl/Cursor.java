package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a statement's lexemes left to right. Asking past the end answers "no" instead of failing,
 * so readers can look ahead freely and a statement they don't fully understand never throws.
 */
final class Cursor {

    private final List<Lexeme> lexemes;
    private int pos;

    Cursor(List<Lexeme> lexemes) {
        this.lexemes = lexemes;
    }

    boolean atEnd() {
        return pos >= lexemes.size();
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    /** The lexeme under the cursor, or null at the end. */
    Lexeme peek() {
        return peek(0);
    }

    Lexeme peek(int ahead) {
        int at = pos + ahead;
        return at >= 0 && at < lexemes.size() ? lexemes.get(at) : null;
    }

    Lexeme next() {
        Lexeme lexeme = peek();
        if (lexeme != null) {
            pos++;
        }
        return lexeme;
    }

    boolean isWord(String keyword) {
        return isWord(0, keyword);
    }

    boolean isWord(int ahead, String keyword) {
        Lexeme lexeme = peek(ahead);
        return lexeme != null && lexeme.isWord(keyword);
    }

    boolean isAnyWord(String... keywords) {
        for (String keyword : keywords) {
            if (isWord(keyword)) {
                return true;
            }
        }
        return false;
    }

    boolean isSymbol(String symbol) {
        Lexeme lexeme = peek();
        return lexeme != null && lexeme.isSymbol(symbol);
    }

    /** Consumes the word when it is there. */
    boolean accept(String keyword) {
        if (isWord(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes the whole sequence of words when all of them are there, else nothing. */
    boolean acceptAll(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            if (!isWord(i, keywords[i])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    /** {@code [schema.]name}, or null when no identifier stands here. */
    Name name() {
        Lexeme first = peek();
        if (first == null || !first.isIdentifier()) {
            return null;
        }
        pos++;
        if (isSymbol(".") && peek(1) != null && peek(1).isIdentifier()) {
            pos++;
            Lexeme second = next();
            return new Name(Name.unquote(first.text()), Name.unquote(second.text()), first);
        }
        return new Name(null, Name.unquote(first.text()), first);
    }

    /** A single identifier, unquoted, or null. */
    String identifier() {
        Lexeme lexeme = peek();
        if (lexeme == null || !lexeme.isIdentifier()) {
            return null;
        }
        pos++;
        return Name.unquote(lexeme.text());
    }

    /**
     * Consumes a parenthesised group starting here and returns the lexemes inside it (without the
     * outer parentheses); an empty list, consuming nothing, when no group starts here.
     */
    List<Lexeme> group() {
        if (!isSymbol("(")) {
            return List.of();
        }
        int depth = 0;
        int start = pos;
        while (!atEnd()) {
            Lexeme lexeme = next();
            if (lexeme.isSymbol("(")) {
                depth++;
            } else if (lexeme.isSymbol(")") && --depth == 0) {
                return lexemes.subList(start + 1, pos - 1);
            }
        }
        return lexemes.subList(start + 1, pos);
    }

    /** Like {@link #group()}, but the returned lexemes include the outer parentheses. */
    List<Lexeme> groupWithParentheses() {
        int start = pos;
        group();
        return lexemes.subList(start, pos);
    }

    /** Consumes lexemes up to (not including) a top-level comma or the end, and returns them. */
    List<Lexeme> untilComma() {
        List<Lexeme> taken = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            Lexeme lexeme = peek();
            if (depth == 0 && lexeme.isSymbol(",")) {
                break;
            }
            if (lexeme.isSymbol("(")) {
                depth++;
            } else if (lexeme.isSymbol(")")) {
                depth--;
            }
            taken.add(next());
        }
        return taken;
    }

    /** Whether the word stands anywhere from here on at parenthesis depth 0. */
    boolean containsTopLevel(String keyword) {
        return indexOfTopLevel(keyword) >= 0;
    }

    /** The absolute position of the word at depth 0 from here on, or -1. */
    int indexOfTopLevel(String keyword) {
        int depth = 0;
        for (int i = pos; i < lexemes.size(); i++) {
            Lexeme lexeme = lexemes.get(i);
            if (lexeme.isSymbol("(")) {
                depth++;
            } else if (lexeme.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && lexeme.isWord(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits a comma-separated list (as found inside a group) at its top-level commas. */
    static List<List<Lexeme>> splitAtCommas(List<Lexeme> items) {
        List<List<Lexeme>> parts = new ArrayList<>();
        Cursor cursor = new Cursor(items);
        while (!cursor.atEnd()) {
            parts.add(cursor.untilComma());
            cursor.acceptSymbol(",");
        }
        return parts;
    }

    /** Identifiers of a column list such as {@code (a, "b", c DESC)}; an expression key gives null. */
    static List<String> columnNames(List<Lexeme> items) {
        List<String> names = new ArrayList<>();
        for (List<Lexeme> part : splitAtCommas(items)) {
            boolean plain = !part.isEmpty()
                    && part.get(0).isIdentifier()
                    && (part.size() == 1
                            || part.get(1).isWord("ASC")
                            || part.get(1).isWord("DESC")
                            || part.get(1).isWord("COLLATE"));
            names.add(plain ? Name.unquote(part.get(0).text()) : null);
        }
        return names;
    }

    /** The lexemes joined back the way people write SQL: words spaced, punctuation tight. */
    static String text(List<Lexeme> lexemes) {
        StringBuilder out = new StringBuilder();
        Lexeme previous = null;
        for (Lexeme lexeme : lexemes) {
            if (previous != null && spaced(previous, lexeme)) {
                out.append(' ');
            }
            out.append(lexeme.text());
            previous = lexeme;
        }
        return out.toString();
    }

    private static boolean spaced(Lexeme previous, Lexeme next) {
        if (next.isSymbol(")")
                || next.isSymbol(",")
                || next.isSymbol("(")
                || next.isSymbol(".")
                || next.isSymbol("::")
                || next.isSymbol("[")
                || next.isSymbol("]")) {
            return next.isSymbol("(") && previous.kind() != Lexeme.Kind.WORD && !previous.isSymbol("(");
        }
        return !(previous.isSymbol("(") || previous.isSymbol(".") || previous.isSymbol("::") || previous.isSymbol("["));
    }
}
