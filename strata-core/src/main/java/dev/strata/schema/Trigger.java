package dev.strata.schema;

import java.util.Objects;

/**
 * A trigger.
 *
 * @param table      the table (or view) it fires on
 * @param definition the whole CREATE TRIGGER statement as the engine reports it, without a trailing
 *                   semicolon (SQLite: sqlite_schema.sql; PostgreSQL: pg_get_triggerdef)
 */
public record Trigger(QualifiedName name, QualifiedName table, String definition) {

    public Trigger {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(definition, "definition");
    }
}
