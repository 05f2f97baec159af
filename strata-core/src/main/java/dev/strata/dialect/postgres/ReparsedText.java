package dev.strata.dialect.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings the SQL text PostgreSQL's catalog functions print (pg_get_expr, pg_get_constraintdef,
 * pg_get_viewdef) to the form the server prints after that text has been parsed once more.
 *
 * <p>Printing is not always a fixed point. {@code registry IN ('a', 'b')} on a varchar column is
 * stored as one cast of the whole array and printed as
 * {@code (registry)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])};
 * parsing that text pushes the cast into the elements, so a database loaded from a dump prints
 * {@code ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])}. Without this
 * step two databases with the same schema, one made by migrations and one loaded from a dump,
 * would not compare equal. The rewrite applies exactly the parser's rule, and leaves text that is
 * already in the reparsed form unchanged.
 *
 * <p>Stateless.
 */
final class ReparsedText {

    private static final String ARRAY_CAST_START = "(ARRAY[";

    private ReparsedText() {}

    static String of(String sql) {
        if (sql == null || !sql.contains(ARRAY_CAST_START)) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipQuoted(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (sql.startsWith(ARRAY_CAST_START, i)) {
                int rewrittenEnd = rewriteArrayCast(sql, i, out);
                if (rewrittenEnd < 0) {
                    out.append(c);
                    i++;
                } else {
                    i = rewrittenEnd;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Rewrites {@code (ARRAY[e1, e2])::type[]} at {@code start} as {@code ARRAY[(e1)::type, (e2)::type]}.
     *
     * @return the index after the rewritten text, or -1 (nothing written) when the text there is not
     *         such a cast
     */
    private static int rewriteArrayCast(String sql, int start, StringBuilder out) {
        int elementsStart = start + ARRAY_CAST_START.length();
        int elementsEnd = closing(sql, elementsStart, '[', ']');
        if (elementsEnd < 0 || !sql.startsWith("])::", elementsEnd)) {
            return -1;
        }
        int typeStart = elementsEnd + "])::".length();
        int typeEnd = arrayTypeEnd(sql, typeStart);
        if (typeEnd < 0) {
            return -1;
        }
        List<String> elements = splitTopLevel(sql.substring(elementsStart, elementsEnd));
        if (elements.stream().anyMatch(element -> element.isEmpty() || element.startsWith("ARRAY["))) {
            return -1;
        }
        String elementType = ReparsedText.of(sql.substring(typeStart, typeEnd));
        out.append("ARRAY[");
        for (int k = 0; k < elements.size(); k++) {
            out.append(k == 0 ? "" : ", ")
                    .append('(')
                    .append(of(elements.get(k)))
                    .append(")::")
                    .append(elementType);
        }
        out.append(']');
        return typeEnd + "[]".length();
    }

    /** The index of the {@code []} that ends a one-dimensional array type name, or -1. */
    private static int arrayTypeEnd(String sql, int from) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"') {
                i = skipQuoted(sql, i);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    return -1;
                }
            } else if (depth == 0 && sql.startsWith("[]", i)) {
                return sql.startsWith("[][]", i) ? -1 : i;
            } else if (depth == 0 && !(Character.isLetterOrDigit(c) || c == ' ' || c == '_' || c == '.' || c == '$')) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** The index of the bracket closing the one opened just before {@code from}, or -1. */
    private static int closing(String sql, int from, char open, char close) {
        int depth = 0;
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i);
                continue;
            }
            if (c == open || c == '(') {
                depth++;
            } else if (c == close || c == ')') {
                if (depth == 0) {
                    return c == close ? i : -1;
                }
                depth--;
            }
            i++;
        }
        return -1;
    }

    /** Splits at commas outside brackets, parentheses and quotes; each part stripped. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int partStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(text, i);
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(partStart, i).strip());
                partStart = i + 1;
            }
            i++;
        }
        parts.add(text.substring(partStart).strip());
        return parts;
    }

    /** The index after the quoted string or identifier starting at {@code start}; a doubled quote stays inside. */
    private static int skipQuoted(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
