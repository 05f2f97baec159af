package dev.strata.schema;

import java.util.Objects;

/**
 * One column of a table, in declared order.
 *
 * @param name         the column name
 * @param type         the declared type as the engine reports it ({@code TEXT}, {@code numeric(12,2)});
 *                     empty for a SQLite column declared without a type
 * @param notNull      whether NULL is refused
 * @param defaultValue the DEFAULT expression as SQL text, or null when there is none
 * @param collation    the column's collation when it is not the default, or null
 * @param generated    how the column is computed, or null for a stored column
 * @param identity     PostgreSQL identity: {@code ALWAYS} or {@code BY DEFAULT}, or null
 * @param comment      PostgreSQL COMMENT ON COLUMN, or null
 */
public record Column(
        String name,
        String type,
        boolean notNull,
        String defaultValue,
        String collation,
        Generated generated,
        String identity,
        String comment) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A plain column: a type, nullability and maybe a default; nothing else. */
    public static Column of(String name, String type, boolean notNull, String defaultValue) {
        return new Column(name, type, notNull, defaultValue, null, null, null, null);
    }

    /** A generated column's expression and whether the engine stores its value. */
    public record Generated(String expression, boolean stored) {
        public Generated {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
