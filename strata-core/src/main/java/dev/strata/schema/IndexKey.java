package dev.strata.schema;

/**
 * One key of an index: a column or an expression.
 *
 * @param column     the column name, or null when the key is an expression
 * @param expression the expression as SQL text, or null when the key is a column
 * @param descending DESC
 * @param collation  an explicit COLLATE, or null
 */
public record IndexKey(String column, String expression, boolean descending, String collation) {

    public IndexKey {
        if ((column == null) == (expression == null)) {
            throw new IllegalArgumentException("an index key is a column or an expression, not both or neither");
        }
    }

    public static IndexKey column(String column) {
        return new IndexKey(column, null, false, null);
    }

    /** The key as written inside CREATE INDEX's parentheses, column names unquoted. */
    public String describe() {
        return (column != null ? column : expression)
                + (collation != null ? " COLLATE " + collation : "")
                + (descending ? " DESC" : "");
    }
}
