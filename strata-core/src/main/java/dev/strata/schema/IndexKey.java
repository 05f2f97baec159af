package dev.strata.schema;

/**
 * One key of an index: a column or an expression.
 *
 * @param column     the column name, or null when the key is an expression
 * @param expression the expression as SQL text, or null when the key is a column
 * @param descending DESC
 * @param collation  an explicit COLLATE, or null
 * @param opclass    PostgreSQL operator class when it is not the type's default for the index's
 *                   access method (e.g. {@code text_pattern_ops}, {@code jsonb_path_ops}), or null
 * @param nulls      {@code FIRST} or {@code LAST} when it differs from the default for the direction
 *                   (nulls last ascending, first descending), or null
 */
public record IndexKey(
        String column, String expression, boolean descending, String collation, String opclass, String nulls) {

    public IndexKey {
        if ((column == null) == (expression == null)) {
            throw new IllegalArgumentException("an index key is a column or an expression, not both or neither");
        }
        if (nulls != null && !nulls.equals("FIRST") && !nulls.equals("LAST")) {
            throw new IllegalArgumentException("nulls is FIRST, LAST or null, not " + nulls);
        }
    }

    /** A key with the engine's default operator class and null ordering. */
    public IndexKey(String column, String expression, boolean descending, String collation) {
        this(column, expression, descending, collation, null, null);
    }

    public static IndexKey column(String column) {
        return new IndexKey(column, null, false, null);
    }

    /** The key as written inside CREATE INDEX's parentheses, column names unquoted. */
    public String describe() {
        return (column != null ? column : expression)
                + (collation != null ? " COLLATE " + collation : "")
                + (opclass != null ? " " + opclass : "")
                + (descending ? " DESC" : "")
                + (nulls != null ? " NULLS " + nulls : "");
    }
}
