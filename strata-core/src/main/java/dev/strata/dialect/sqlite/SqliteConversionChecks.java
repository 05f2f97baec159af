package dev.strata.dialect.sqlite;

import dev.strata.refactor.Alteration;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The checks of a type change on SQLite, and how the values are copied.
 *
 * <p>Values are copied as they are, without CAST: the new column's type affinity converts every value
 * that is a well-formed number and leaves the others as they were, where CAST would turn {@code 'abc'}
 * into 0. Before the copy, the rows whose value is not a number (for a numeric type) and the numbers
 * themselves are recorded in temporary tables; after it, one check lists the values that are not
 * numbers and another the numbers that moved by more than the tolerance.
 *
 * <p>{@code CAST(x AS NUMERIC) = x} is SQLite's own test for "x is a number": the comparison applies
 * numeric affinity to {@code x}, which converts exactly the well-formed numbers.
 */
final class SqliteConversionChecks {

    private static final SqliteSchemaWriter SQL = SqliteSchemaWriter.INSTANCE;

    private final Alteration alteration;
    private final String tag;
    private final List<String> before = new ArrayList<>();
    private final List<String> verifications = new ArrayList<>();

    SqliteConversionChecks(Alteration alteration, String tag) {
        this.alteration = alteration;
        this.tag = tag;
        for (Alteration.Conversion conversion : alteration.conversions()) {
            if (isNumeric(conversion.toType())) {
                write(conversion);
            }
        }
    }

    /** Statements that record what the checks compare against; they run before the copy. */
    List<String> before() {
        return before;
    }

    List<String> verifications() {
        return verifications;
    }

    /**
     * How the new column is filled: the old value as it is, or the {@code --using} expression. A STRICT
     * table refuses a value its type can't hold, so there the copy fails on a value that is not a
     * number, after a precondition has listed such rows (see {@link SqliteRebuild}): no value is ever
     * changed to make it fit.
     */
    static String copyExpression(Alteration.Conversion conversion) {
        return value(conversion);
    }

    private void write(Alteration.Conversion conversion) {
        Table table = alteration.before();
        String name = SQL.quote(table.name().name());
        String value = value(conversion);
        List<String> keys = keyColumns(table, alteration::newName);
        String keyList = String.join(", ", keys);
        String notNumbers = tempName(conversion, "not_numbers");
        String numbers = tempName(conversion, "before");

        before.add("-- Values of " + conversion.oldColumn() + " that are not numbers: a CAST would make them 0, so"
                + " the check lists them instead.\n"
                + "CREATE TEMP TABLE " + notNumbers + " AS\nSELECT " + keyList + ", " + value
                + " AS not_a_number\nFROM "
                + name + "\nWHERE " + value + " IS NOT NULL AND NOT (" + isNumber(value) + ")");
        before.add("CREATE TEMP TABLE " + numbers + " AS\nSELECT " + keyList + ", " + SQL.quote(conversion.oldColumn())
                + " AS before\nFROM " + name + "\nWHERE " + isNumber(SQL.quote(conversion.oldColumn())));

        String newColumn = "t." + SQL.quote(conversion.column());
        verifications.add("SELECT * FROM temp." + notNumbers);
        String join = keys.stream().map(k -> "t." + k + " = b." + k).collect(Collectors.joining(" AND "));
        verifications.add("SELECT " + keys.stream().map(k -> "b." + k).collect(Collectors.joining(", "))
                + ", b.before, " + newColumn + " AS after FROM temp." + numbers + " b LEFT JOIN " + name + " t ON "
                + join + " WHERE " + newColumn + " IS NULL OR NOT (abs(" + newColumn + " - b.before) <= "
                + tolerance() + ")");
    }

    /**
     * What identifies a row across the rebuild: the rowid (which the copy keeps) or the primary key,
     * quoted, each column named by {@code name}.
     */
    static List<String> keyColumns(Table table, java.util.function.UnaryOperator<String> name) {
        if (!table.withoutRowid()) {
            return table.columns().stream()
                    .filter(c -> SqliteAlterWriter.isRowidAlias(table, c))
                    .map(c -> SQL.quote(name.apply(c.name())))
                    .findFirst()
                    .map(List::of)
                    .orElse(List.of("rowid"));
        }
        return table.primaryKey().columns().stream()
                .map(c -> SQL.quote(name.apply(c)))
                .toList();
    }

    /**
     * {@code strata_TAG_COLUMN_WHAT}. A column name with characters other than ASCII letters, digits
     * and {@code _} gets its conversion's number too, as two such names can fold to the same text.
     */
    private String tempName(Alteration.Conversion conversion, String what) {
        String lower = conversion.column().toLowerCase(Locale.ROOT);
        String column = lower.replaceAll("[^a-z0-9_]", "_");
        if (!column.equals(lower)) {
            column += "_" + (alteration.conversions().indexOf(conversion) + 1);
        }
        return "strata_" + tag + "_" + column + "_" + what;
    }

    private String tolerance() {
        return java.math.BigDecimal.valueOf(alteration.tolerance())
                .stripTrailingZeros()
                .toPlainString();
    }

    static String value(Alteration.Conversion conversion) {
        return conversion.using().map(u -> "(" + u + ")").orElse(SQL.quote(conversion.oldColumn()));
    }

    static String isNumber(String value) {
        return "CAST(" + value + " AS NUMERIC) = " + value;
    }

    /**
     * A type whose values must be numbers: INTEGER or REAL affinity (SQLite's rules: INT; REAL, FLOA,
     * DOUB), or one named as a number (NUMERIC, DECIMAL). DATE, BOOLEAN and the like also get NUMERIC
     * affinity, but text in them is normal, so they are not checked.
     */
    static boolean isNumeric(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT")) {
            return false;
        }
        return upper.contains("INT")
                || upper.contains("REAL")
                || upper.contains("FLOA")
                || upper.contains("DOUB")
                || upper.startsWith("NUMERIC")
                || upper.startsWith("DECIMAL")
                || upper.startsWith("NUMBER");
    }
}
