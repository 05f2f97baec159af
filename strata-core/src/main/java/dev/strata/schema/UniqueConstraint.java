package dev.strata.schema;

import java.util.List;

/**
 * A UNIQUE constraint of a table. A unique index created with CREATE UNIQUE INDEX is an
 * {@link Index}, not a constraint.
 *
 * @param name    the constraint name, or null when the engine gives none (SQLite)
 * @param columns the constrained columns, in order
 */
public record UniqueConstraint(String name, List<String> columns) {

    public UniqueConstraint {
        columns = List.copyOf(columns);
    }
}
