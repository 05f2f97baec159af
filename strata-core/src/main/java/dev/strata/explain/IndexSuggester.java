package dev.strata.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Suggests the index that would serve a query's full scan of one table, from the query's text: the
 * table's columns compared with {@code =}, {@code IN} or {@code IS} in the WHERE clause come first,
 * in the order the query names them, then one column compared by range ({@code <},
 * {@code BETWEEN}, {@code LIKE}). A table the WHERE clause does not filter gets its join (ON)
 * columns instead, and a query with no filter at all its ORDER BY columns. This is the classic
 * equality-then-range rule; it reads text, so it is a suggestion to check, not a proof.
 *
 * <p>Stateless; safe to share.
 */
final class IndexSuggester {

    /** Strings, quoted names, comments, words, numbers, parameters, two-character operators, and single characters. */
    private static final Pattern TOKEN = Pattern.compile(
            "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*]|--[^\\n]*|/\\*.*?\\*/|[A-Za-z_][\\w$]*"
                    + "|\\d+(?:\\.\\d+)?|\\$\\d+|<=|>=|<>|!=|==|\\S",
            Pattern.DOTALL);

    private static final Set<String> EQUALITY = Set.of("=", "==", "IN", "IS");
    private static final Set<String> RANGE = Set.of("<", ">", "<=", ">=", "BETWEEN", "LIKE", "GLOB");
    /** Clauses whose comparisons are not filters (WHERE and ON start the ones that are). */
    private static final Set<String> NOT_FILTERS = Set.of(
            "SELECT",
            "SET",
            "GROUP",
            "HAVING",
            "LIMIT",
            "RETURNING",
            "VALUES",
            "FROM",
            "JOIN",
            "UNION",
            "EXCEPT",
            "INTERSECT");

    private IndexSuggester() {}

    /**
     * @param sql      the query
     * @param table    the scanned table's name as the query would write it
     * @param alias    the query's alias for it, or null
     * @param columns  the table's columns
     * @return {@code CREATE INDEX ...} without a semicolon, or empty when the query filters on none of
     *         the table's columns (then it reads the whole table by design)
     */
    static Optional<String> suggest(String sql, String table, String alias, List<String> columns) {
        List<String> tokens = tokens(sql);
        Set<String> equality = new LinkedHashSet<>();
        Set<String> range = new LinkedHashSet<>();
        Set<String> joins = new LinkedHashSet<>();
        Set<String> order = new LinkedHashSet<>();
        boolean filtering = false;
        boolean joining = false;
        boolean ordering = false;
        for (int i = 0; i < tokens.size(); i++) {
            String upper = tokens.get(i).toUpperCase(Locale.ROOT);
            if (upper.equals("WHERE") || upper.equals("ON")) {
                filtering = true;
                joining = upper.equals("ON");
                ordering = false;
                continue;
            }
            if (upper.equals("ORDER") && next(tokens, i).equalsIgnoreCase("BY")) {
                filtering = false;
                ordering = true;
                i++;
                continue;
            }
            if (NOT_FILTERS.contains(upper)) {
                filtering = false;
                ordering = false;
                continue;
            }
            Optional<String> column = columnAt(tokens, i, table, alias, columns);
            if (column.isEmpty()) {
                continue;
            }
            boolean qualified = i + 1 < tokens.size() && tokens.get(i + 1).equals(".");
            int last = qualified ? i + 2 : i;
            if (ordering) {
                order.add(column.get());
            } else if (filtering) {
                String after = next(tokens, last).toUpperCase(Locale.ROOT);
                String afterNot = after.equals("NOT") ? next(tokens, last + 1).toUpperCase(Locale.ROOT) : after;
                String before = i > 0 ? tokens.get(i - 1).toUpperCase(Locale.ROOT) : "";
                if (joining && (EQUALITY.contains(after) || before.equals("=") || before.equals("=="))) {
                    joins.add(column.get());
                } else if (EQUALITY.contains(after) || before.equals("=") || before.equals("==")) {
                    equality.add(column.get());
                } else if (!joining && (RANGE.contains(afterNot) || RANGE.contains(before))) {
                    range.add(column.get());
                }
            }
            i = last;
        }
        List<String> keys = new ArrayList<>(equality);
        range.stream().filter(c -> !equality.contains(c)).findFirst().ifPresent(keys::add);
        if (keys.isEmpty()) {
            keys.addAll(joins);
        }
        if (keys.isEmpty()) {
            keys.addAll(order);
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String name = "ix_" + table + "_" + String.join("_", keys);
        return Optional.of("CREATE INDEX " + quoteIfNeeded(name.toLowerCase(Locale.ROOT)) + " ON "
                + quoteIfNeeded(table) + " ("
                + String.join(
                        ", ", keys.stream().map(IndexSuggester::quoteIfNeeded).toList()) + ")");
    }

    /** The column of {@code table} the token at {@code i} refers to: {@code alias.col}, {@code table.col} or a bare {@code col}. */
    private static Optional<String> columnAt(
            List<String> tokens, int i, String table, String alias, List<String> columns) {
        String token = unquote(tokens.get(i));
        if (i + 2 < tokens.size() && tokens.get(i + 1).equals(".")) {
            boolean ours = token.equalsIgnoreCase(table) || alias != null && token.equalsIgnoreCase(alias);
            return ours ? match(unquote(tokens.get(i + 2)), columns) : Optional.empty();
        }
        if (i > 0 && tokens.get(i - 1).equals(".")) {
            return Optional.empty(); // the column of another table's qualifier
        }
        return match(token, columns);
    }

    private static Optional<String> match(String name, List<String> columns) {
        return columns.stream().filter(column -> column.equalsIgnoreCase(name)).findFirst();
    }

    private static String next(List<String> tokens, int i) {
        return i + 1 < tokens.size() ? tokens.get(i + 1) : "";
    }

    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(sql);
        while (matcher.find()) {
            String token = matcher.group();
            if (!token.startsWith("--") && !token.startsWith("/*") && !token.startsWith("'")) {
                tokens.add(token);
            } else if (token.startsWith("'")) {
                tokens.add("'…'"); // a literal: never a column
            }
        }
        return tokens;
    }

    private static String unquote(String token) {
        if (token.length() >= 2 && (token.startsWith("\"") || token.startsWith("`") || token.startsWith("["))) {
            return token.substring(1, token.length() - 1).replace("\"\"", "\"");
        }
        return token;
    }

    private static String quoteIfNeeded(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
