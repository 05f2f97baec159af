package dev.strata.schema;

/** What a foreign key does when the row it points at is deleted or its key updated. */
public enum ReferentialAction {
    NO_ACTION("NO ACTION"),
    RESTRICT("RESTRICT"),
    CASCADE("CASCADE"),
    SET_NULL("SET NULL"),
    SET_DEFAULT("SET DEFAULT");

    private final String sql;

    ReferentialAction(String sql) {
        this.sql = sql;
    }

    /** The words as written in SQL. */
    public String sql() {
        return sql;
    }

    /** Reads the engine's spelling ({@code "SET NULL"}, {@code "set_null"}, {@code "cascade"}). */
    public static ReferentialAction parse(String text) {
        String normalised = text.strip().toUpperCase(java.util.Locale.ROOT).replace('_', ' ');
        for (ReferentialAction action : values()) {
            if (action.sql.equals(normalised)) {
                return action;
            }
        }
        throw new IllegalArgumentException("not a referential action: " + text
                + " (expected CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION)");
    }
}
