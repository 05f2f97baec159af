package dev.strata.report;

import dev.strata.schema.CheckConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CHECK constraint that limits a column to a list of values, the usual way to write an enum
 * in SQLite: {@code status IN ('active', 'archived')} as SQLite stores it, or PostgreSQL's rewrite
 * {@code ((status)::text = ANY ((ARRAY['active'::character varying, ...])::text[]))} or, in newer
 * versions, {@code ((status)::text = ANY (ARRAY[('active'::character varying)::text, ...]))}.
 */
final class CheckEnums {

    private static final Pattern SHAPE = Pattern.compile(
            "^[(\\s]*\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\)?(?:::[A-Za-z ]+)?\\s*"
                    + "(?:IN\\s*\\(|=\\s*ANY\\s*\\(\\s*\\(?\\s*ARRAY\\s*\\[)(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    /** A cast, as PostgreSQL adds them: {@code ::character varying}, {@code ::text[]}. */
    private static final String CAST = "(?:::[A-Za-z ]+(?:\\[\\])?)";
    /** Only literals (maybe in parentheses, maybe cast) up to the list's end, then only closing brackets and casts. */
    private static final Pattern REST = Pattern.compile("^(?:\\s*\\(?\\s*'(?:[^']|'')*'" + CAST + "*\\s*\\)?" + CAST
            + "*\\s*,?)*\\s*[)\\]](?:[\\s)\\]]|" + CAST + ")*$");

    private CheckEnums() {}

    /** A column and its allowed values. */
    record ValueList(String column, List<String> values) {}

    static Optional<ValueList> read(CheckConstraint check) {
        Matcher shape = SHAPE.matcher(check.expression().strip());
        if (!shape.matches() || !REST.matcher(shape.group(2)).matches()) {
            return Optional.empty();
        }
        String list = shape.group(2);
        Matcher literal = LITERAL.matcher(list.substring(0, closing(list)));
        List<String> values = new ArrayList<>();
        while (literal.find()) {
            values.add(literal.group(1).replace("''", "'"));
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(new ValueList(shape.group(1), values));
    }

    /** Where the value list ends: the first ')' or ']' outside a literal and outside parentheses it opened. */
    private static int closing(String list) {
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return list.length();
    }
}
