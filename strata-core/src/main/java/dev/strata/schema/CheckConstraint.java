package dev.strata.schema;

import java.util.Objects;

/**
 * A CHECK constraint of a table (a column-level CHECK is reported as a table-level one).
 *
 * @param name       the constraint name, or null when the SQL gave none
 * @param expression the condition, as SQL text without the surrounding {@code CHECK ( )}
 * @param valid      false for a PostgreSQL constraint added NOT VALID and not validated yet
 */
public record CheckConstraint(String name, String expression, boolean valid) {

    public CheckConstraint {
        Objects.requireNonNull(expression, "expression");
    }
}
