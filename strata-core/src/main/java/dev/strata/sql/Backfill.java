package dev.strata.sql;

import dev.strata.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code -- strata:backfill batch=1000 pause=50ms} directive and the {@code UPDATE table SET ...
 * WHERE ...} right after it, read into the parts a batch is made of: strata runs the UPDATE again
 * and again, each time on one range of the table's key ({@code WHERE (condition) AND key BETWEEN
 * ...}), each range committed on its own. Read the same way by the runner and by the linter.
 *
 * @param line          1-based line of the UPDATE in the file (where it is reported)
 * @param directiveLine 1-based line of the directive
 * @param table         the table as written in the UPDATE, quotes and schema included
 * @param set           what follows SET, up to WHERE
 * @param condition     what follows WHERE
 * @param batch         how many keys of the table each batch covers
 * @param pause         how long to wait between batches, so that other sessions get the table
 */
public record Backfill(
        int line, int directiveLine, String table, String set, String condition, int batch, Duration pause) {

    public static final String NAME = "backfill";
    public static final int DEFAULT_BATCH = 1_000;
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(50);
    /** A batch is one transaction (on D1 one request, with its 30-second limit): keep it small. */
    public static final int MAX_BATCH = 100_000;
    /** How the directive is written, for messages. */
    public static final String EXAMPLE = "-- strata:backfill batch=1000 pause=50ms";

    public Backfill {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(pause, "pause");
    }

    /** Either the backfill or what is wrong, as a sentence that starts with where it is. */
    public record Read(Backfill backfill, String problem) {
        public boolean ok() {
            return backfill != null;
        }
    }

    /**
     * Reads a directive and the statement that follows it.
     *
     * @param where  names the directive in messages, e.g. {@code file.sql:3: '-- strata:backfill'}
     * @param next   the statement right after the directive, with its significant tokens; null when
     *               the file has none
     */
    public static Read read(String where, Directive directive, TokenizedScript.Part next) {
        int batch = DEFAULT_BATCH;
        Duration pause = DEFAULT_PAUSE;
        for (String setting : words(directive.argument())) {
            int equals = setting.indexOf('=');
            String key = equals < 0 ? setting : setting.substring(0, equals);
            String value = equals < 0 ? "" : setting.substring(equals + 1);
            switch (key) {
                case "batch" -> {
                    Optional<Integer> size = wholeNumber(value);
                    if (size.isEmpty() || size.get() < 1 || size.get() > MAX_BATCH) {
                        return problem(where + ": batch takes a whole number of rows from 1 to " + MAX_BATCH
                                + "; found '" + value + "', e.g. " + EXAMPLE);
                    }
                    batch = size.get();
                }
                case "pause" -> {
                    Optional<Duration> read = Durations.parse(value);
                    if (read.isEmpty()
                            || read.get().toMillis() > Duration.ofMinutes(10).toMillis()) {
                        return problem(where + ": pause takes " + Durations.FORM + ", at most 10min (0ms for none);"
                                + " found '" + value + "'");
                    }
                    pause = read.get();
                }
                default -> {
                    return problem(where + ": unknown setting '" + key + "'; it takes batch=ROWS and pause=DURATION,"
                            + " both optional, e.g. " + EXAMPLE);
                }
            }
        }
        if (next == null) {
            return problem(where + " stands before no statement; put it on the line right before an UPDATE ... SET"
                    + " ... WHERE ...");
        }
        return update(where, next, batch, pause, directive.line());
    }

    /** The settings, as separated by white space. */
    private static List<String> words(String argument) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static Optional<Integer> wholeNumber(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }

    /**
     * {@code UPDATE table SET ... WHERE ...} and nothing else at the top level: the batch condition
     * is appended to the WHERE, so anything after it (RETURNING, ORDER BY, LIMIT), a FROM whose rows
     * the key range would not bound, an alias, {@code OR REPLACE} or a WITH in front is refused.
     */
    private static Read update(String where, TokenizedScript.Part next, int batch, Duration pause, int directiveLine) {
        Statement statement = next.statement();
        List<Lexeme> words = next.lexemes();
        String at = where + ": the statement after it (line " + statement.line() + ": " + statement.firstLine() + ")";
        String form = " A backfill runs an UPDATE table SET ... WHERE ... in key ranges.";
        if (words.isEmpty() || !words.get(0).isWord("update")) {
            return problem(at + " is not an UPDATE." + form);
        }
        int i = 1;
        if (i < words.size() && (words.get(i).isWord("or") || words.get(i).isWord("only"))) {
            return problem(at + " says UPDATE " + words.get(i).upper() + "; write a plain UPDATE table." + form);
        }
        int tableStart = i;
        if (i < words.size() && words.get(i).isIdentifier() && !words.get(i).isWord("set")) {
            i++;
            if (i + 1 < words.size()
                    && words.get(i).isSymbol(".")
                    && words.get(i + 1).isIdentifier()) {
                i += 2;
            }
        }
        if (i == tableStart || i >= words.size() || !words.get(i).isWord("set")) {
            return problem(at + " must name its table right before SET, with no alias." + form);
        }
        String sql = statement.sql();
        Lexeme lastOfTable = words.get(i - 1);
        String table = sql.substring(
                words.get(tableStart).offset(),
                lastOfTable.offset() + lastOfTable.text().length());
        int setAt = i;
        int whereAt = -1;
        int depth = 0;
        for (int j = setAt + 1; j < words.size(); j++) {
            Lexeme word = words.get(j);
            if (word.isSymbol("(")) {
                depth++;
            } else if (word.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && word.kind() == Lexeme.Kind.WORD) {
                String upper = word.upper();
                if (upper.equals("WHERE") && whereAt < 0) {
                    whereAt = j;
                } else if (List.of("FROM", "RETURNING", "ORDER", "LIMIT").contains(upper)
                        // IS [NOT] DISTINCT FROM compares two values; it is no FROM clause.
                        && !(upper.equals("FROM") && words.get(j - 1).isWord("distinct"))) {
                    return problem(at + " has " + upper + " at line " + word.line() + "; a backfill appends its key"
                            + " range to the WHERE, so it takes no " + upper.toLowerCase(Locale.ROOT) + "." + form);
                }
            }
        }
        if (whereAt < 0) {
            return problem(at + " has no WHERE. Say which rows still need the change (e.g. WHERE total IS NULL), so"
                    + " that the UPDATE says what it does." + form);
        }
        Lexeme set = words.get(setAt);
        Lexeme whereWord = words.get(whereAt);
        String assignments = sql.substring(set.offset() + set.text().length(), whereWord.offset())
                .strip();
        String condition =
                sql.substring(whereWord.offset() + whereWord.text().length()).strip();
        if (assignments.isEmpty() || condition.isEmpty()) {
            return problem(at + " has an empty SET or WHERE." + form);
        }
        return new Read(
                new Backfill(statement.line(), directiveLine, table, assignments, condition, batch, pause), null);
    }

    private static Read problem(String text) {
        return new Read(null, text);
    }

    /**
     * One batch: the UPDATE on the keys from the first parameter to the second, both included.
     *
     * @param key the key as the engine names it in SQL ({@code rowid}, {@code "id"})
     */
    public String batchSql(String key) {
        return batchSql(key, "?");
    }

    /** The same with each key parameter written as {@code parameter}, e.g. {@code CAST(? AS INTEGER)}. */
    public String batchSql(String key, String parameter) {
        return "UPDATE " + table + " SET " + set + " WHERE (" + condition + ") AND " + key + " >= " + parameter
                + " AND " + key + " <= " + parameter;
    }

    /**
     * Whether a row above the key parameter still needs the change: asked once the walk has passed
     * the largest key it started with, so that rows inserted meanwhile are covered when they need it,
     * and a table that keeps growing with rows that don't (a trigger fills them) does not make the walk
     * chase its end forever.
     */
    public String remainingSql(String key) {
        return remainingSql(key, "?");
    }

    /** The same with the key parameter written as {@code parameter}. */
    public String remainingSql(String key, String parameter) {
        return "SELECT 1 FROM " + table + " WHERE (" + condition + ") AND " + key + " > " + parameter + " LIMIT 1";
    }

    /** The last key of the next batch: at most {@link #batch} keys from the first parameter on; NULL at the end. */
    public String nextKeySql(String key) {
        return nextKeySql(key, "?");
    }

    /** The same with the key parameter written as {@code parameter}. */
    public String nextKeySql(String key, String parameter) {
        return "SELECT MAX(k) FROM (SELECT " + key + " AS k FROM " + table + " WHERE " + key + " >= " + parameter
                + " ORDER BY " + key + " LIMIT " + batch + ") AS backfill_keys";
    }

    /** The smallest and the largest key, for the estimate of the time left. */
    public String keyRangeSql(String key) {
        return "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table;
    }
}
