package dev.strata.dialect.sqlite;

import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what SQLite's catalog does not report from the CREATE statements it stores in sqlite_schema:
 * CHECK expressions, collations, generated-column expressions, AUTOINCREMENT, DEFERRABLE, the keys
 * and WHERE of an index, the column list and SELECT of a view. Everything the pragmas do report
 * (types, NOT NULL, defaults, key columns, referential actions) is taken from them instead.
 *
 * <p>The statements were accepted by SQLite, so the parser is lenient: it walks the grammar SQLite
 * documents and steps over anything it does not need.
 */
final class StoredDefinitions {

    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of(
            "CONSTRAINT",
            "PRIMARY",
            "NOT",
            "NULL",
            "UNIQUE",
            "CHECK",
            "DEFAULT",
            "COLLATE",
            "REFERENCES",
            "GENERATED",
            "AS");
    private static final Set<String> TABLE_CONSTRAINT_START =
            Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");
    private static final Set<String> BUILT_IN_COLLATIONS = Set.of("BINARY", "NOCASE", "RTRIM");

    private StoredDefinitions() {}

    /** What a CREATE TABLE says beyond the pragmas; column names as written. */
    record TableDefinition(
            List<ColumnDefinition> columns,
            List<CheckConstraint> checks,
            List<ForeignKeyClause> foreignKeys,
            boolean autoincrement) {

        ColumnDefinition column(String name) {
            return columns.stream()
                    .filter(column -> SqliteSchemaReader.sameName(column.name(), name))
                    .findFirst()
                    .orElse(new ColumnDefinition(name, null, null));
        }
    }

    /** @param collation the column's COLLATE, null when none or BINARY (the default) */
    record ColumnDefinition(String name, String collation, Column.Generated generated) {}

    /** A REFERENCES clause; {@code targetColumns} is empty when the SQL left them out. */
    record ForeignKeyClause(
            List<String> columns,
            String target,
            List<String> targetColumns,
            boolean deferrable,
            boolean initiallyDeferred) {}

    /** An index's keys in order and its WHERE condition (or null). */
    record IndexDefinition(List<KeyDefinition> keys, String where) {}

    /** One key: its expression (or column name) as written, an explicit COLLATE (or null), DESC. */
    record KeyDefinition(String text, String collation, boolean descending) {}

    /** A view's column list (possibly empty) and the SELECT after AS, as written. */
    record ViewDefinition(List<String> columns, String select) {}

    static TableDefinition table(String sql) {
        StatementTokens tokens = StatementTokens.of(sql);
        TableParser parser = new TableParser(tokens);
        int open = tokens.indexOfSymbol(0, "(");
        if (open >= 0) {
            int close = tokens.skipGroup(open) - 1;
            for (int[] item : tokens.splitAtCommas(open + 1, close)) {
                if (TABLE_CONSTRAINT_START.stream().anyMatch(word -> tokens.isWord(item[0], word))) {
                    parser.tableConstraints(item[0], item[1]);
                } else {
                    parser.column(item[0], item[1]);
                }
            }
        }
        return new TableDefinition(parser.columns, parser.checks, parser.foreignKeys, parser.autoincrement);
    }

    static IndexDefinition index(String sql) {
        StatementTokens tokens = StatementTokens.of(sql);
        int open = tokens.indexOfSymbol(Math.max(tokens.indexOfWord(0, "ON"), 0), "(");
        int after = tokens.skipGroup(open);
        List<KeyDefinition> keys = new ArrayList<>();
        for (int[] item : tokens.splitAtCommas(open + 1, after - 1)) {
            int end = item[1];
            boolean descending = tokens.isWord(end - 1, "DESC");
            if (descending || tokens.isWord(end - 1, "ASC")) {
                end--;
            }
            String collation = null;
            if (end - 2 > item[0] && tokens.isWord(end - 2, "COLLATE")) {
                collation = collationName(tokens.identifier(end - 1));
                end -= 2;
            }
            keys.add(new KeyDefinition(tokens.fragment(item[0], end), collation, descending));
        }
        String where = tokens.isWord(after, "WHERE") ? tokens.fragment(after + 1, tokens.size()) : null;
        return new IndexDefinition(keys, where);
    }

    static ViewDefinition view(String sql) {
        StatementTokens tokens = StatementTokens.of(sql);
        int as = tokens.indexOfWord(0, "AS");
        int open = tokens.indexOfSymbol(0, "(");
        List<String> columns = open >= 0 && open < as ? tokens.identifierList(open) : List.of();
        return new ViewDefinition(columns, tokens.rest(as + 1));
    }

    /**
     * A collation name as compared: SQLite's built-in ones in upper case (their case does not
     * matter), others as written.
     */
    static String collationName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return BUILT_IN_COLLATIONS.contains(upper) ? upper : name;
    }

    /** Walks the items between the parentheses of a CREATE TABLE. */
    private static final class TableParser {

        private final StatementTokens tokens;
        final List<ColumnDefinition> columns = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<ForeignKeyClause> foreignKeys = new ArrayList<>();
        boolean autoincrement;

        TableParser(StatementTokens tokens) {
            this.tokens = tokens;
        }

        /** {@code name [type] [constraint ...]} in tokens {@code [from, to)}. */
        void column(int from, int to) {
            String name = tokens.identifier(from);
            int at = from + 1;
            while (at < to && !startsColumnConstraint(at)) {
                at = tokens.isSymbol(at, "(") ? tokens.skipGroup(at) : at + 1;
            }
            String collation = null;
            Column.Generated generated = null;
            String constraintName = null;
            while (at < to) {
                if (tokens.isWord(at, "CONSTRAINT")) {
                    constraintName = tokens.identifier(at + 1);
                    at += 2;
                    continue;
                }
                if (tokens.isWord(at, "PRIMARY")) {
                    at = skipConflictClause(skipWords(at + 2, "ASC", "DESC"));
                    if (tokens.isWord(at, "AUTOINCREMENT")) {
                        autoincrement = true;
                        at++;
                    }
                } else if (tokens.isWord(at, "NOT") && tokens.isWord(at + 1, "NULL")) {
                    at = skipConflictClause(at + 2);
                } else if (tokens.isAnyWord(at, "NULL", "UNIQUE")) {
                    at = skipConflictClause(at + 1);
                } else if (tokens.isWord(at, "CHECK")) {
                    at = check(at + 1, constraintName);
                } else if (tokens.isWord(at, "DEFAULT")) {
                    at = skipDefault(at + 1);
                } else if (tokens.isWord(at, "COLLATE")) {
                    collation = collationName(tokens.identifier(at + 1));
                    at += 2;
                } else if (tokens.isWord(at, "REFERENCES")) {
                    at = references(at, List.of(name), to);
                } else if (tokens.isAnyWord(at, "GENERATED", "AS")) {
                    at = tokens.isWord(at, "GENERATED") ? skipWords(at + 1, "ALWAYS") : at;
                    int open = at + 1;
                    at = tokens.skipGroup(open);
                    boolean stored = tokens.isWord(at, "STORED");
                    generated = new Column.Generated(tokens.fragment(open + 1, at - 1), stored);
                    at = skipWords(at, "STORED", "VIRTUAL");
                } else {
                    at++;
                }
                constraintName = null;
            }
            columns.add(new ColumnDefinition(name, "BINARY".equals(collation) ? null : collation, generated));
        }

        /** One or more table constraints in tokens {@code [from, to)} (SQLite lets them go without commas). */
        void tableConstraints(int from, int to) {
            int at = from;
            String constraintName = null;
            while (at < to) {
                if (tokens.isWord(at, "CONSTRAINT")) {
                    constraintName = tokens.identifier(at + 1);
                    at += 2;
                    continue;
                }
                if (tokens.isAnyWord(at, "PRIMARY", "UNIQUE")) {
                    int open = tokens.isWord(at, "PRIMARY") ? at + 2 : at + 1;
                    int after = tokens.skipGroup(open);
                    for (int i = open; i < after; i++) {
                        autoincrement |= tokens.isWord(at, "PRIMARY") && tokens.isWord(i, "AUTOINCREMENT");
                    }
                    at = skipConflictClause(after);
                } else if (tokens.isWord(at, "CHECK")) {
                    at = check(at + 1, constraintName);
                } else if (tokens.isWord(at, "FOREIGN") && tokens.isWord(at + 1, "KEY")) {
                    List<String> columnNames = tokens.identifierList(at + 2);
                    at = references(tokens.skipGroup(at + 2), columnNames, to);
                } else {
                    at++;
                }
                constraintName = null;
            }
        }

        /** {@code (expr)} opening at {@code open}; returns the index after it. */
        private int check(int open, String name) {
            int after = tokens.skipGroup(open);
            checks.add(new CheckConstraint(name, tokens.fragment(open + 1, after - 1), true));
            return after;
        }

        /** {@code REFERENCES table [(columns)] [ON ... | MATCH ... | [NOT] DEFERRABLE [INITIALLY ...]]...}. */
        private int references(int at, List<String> columnNames, int to) {
            String target = tokens.identifier(at + 1);
            at += 2;
            List<String> targetColumns = List.of();
            if (tokens.isSymbol(at, "(")) {
                targetColumns = tokens.identifierList(at);
                at = tokens.skipGroup(at);
            }
            boolean deferrable = false;
            boolean initiallyDeferred = false;
            while (at < to) {
                if (tokens.isWord(at, "ON")) {
                    at = skipAction(at + 2);
                } else if (tokens.isWord(at, "MATCH")) {
                    at += 2;
                } else if (tokens.isWord(at, "NOT") && tokens.isWord(at + 1, "DEFERRABLE")) {
                    deferrable = false;
                    at += 2;
                } else if (tokens.isWord(at, "DEFERRABLE")) {
                    deferrable = true;
                    at++;
                } else if (tokens.isWord(at, "INITIALLY")) {
                    initiallyDeferred = tokens.isWord(at + 1, "DEFERRED");
                    at += 2;
                } else {
                    break;
                }
            }
            // SQLite defers the check only for DEFERRABLE INITIALLY DEFERRED; every other spelling is immediate.
            foreignKeys.add(new ForeignKeyClause(
                    columnNames, target, targetColumns, deferrable, deferrable && initiallyDeferred));
            return at;
        }

        private int skipAction(int at) {
            if (tokens.isAnyWord(at, "SET", "NO")) {
                return at + 2;
            }
            return at + 1;
        }

        private int skipDefault(int at) {
            if (tokens.isSymbol(at, "(")) {
                return tokens.skipGroup(at);
            }
            if (tokens.isSymbol(at, "-") || tokens.isSymbol(at, "+")) {
                return at + 2;
            }
            return at + 1;
        }

        private int skipConflictClause(int at) {
            return tokens.isWord(at, "ON") && tokens.isWord(at + 1, "CONFLICT") ? at + 3 : at;
        }

        private int skipWords(int at, String... words) {
            while (tokens.isAnyWord(at, words)) {
                at++;
            }
            return at;
        }

        private boolean startsColumnConstraint(int at) {
            for (String word : COLUMN_CONSTRAINT_START) {
                if (tokens.isWord(at, word)) {
                    return true;
                }
            }
            return false;
        }
    }
}
