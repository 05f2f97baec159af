package dev.strata.schema;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key of a table.
 *
 * @param name              the constraint name, or null when the engine gives none (SQLite)
 * @param columns           the referencing columns, in key order
 * @param target            the referenced table
 * @param targetColumns     the referenced columns; resolved to the target's primary key when the
 *                          SQL left them out, so that both spellings compare equal
 * @param onDelete          the ON DELETE action
 * @param onUpdate          the ON UPDATE action
 * @param deferrable        DEFERRABLE
 * @param initiallyDeferred INITIALLY DEFERRED
 * @param valid             false for a PostgreSQL constraint added NOT VALID and not validated yet
 */
public record ForeignKey(
        String name,
        List<String> columns,
        QualifiedName target,
        List<String> targetColumns,
        ReferentialAction onDelete,
        ReferentialAction onUpdate,
        boolean deferrable,
        boolean initiallyDeferred,
        boolean valid) {

    public ForeignKey {
        columns = List.copyOf(columns);
        Objects.requireNonNull(target, "target");
        targetColumns = List.copyOf(targetColumns);
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(onUpdate, "onUpdate");
    }
}
