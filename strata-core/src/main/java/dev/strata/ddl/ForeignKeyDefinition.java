package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import java.util.List;

/**
 * A REFERENCES clause, inline on a column or as a table constraint.
 *
 * @param columns       the referencing columns
 * @param target        the referenced table
 * @param targetColumns the referenced columns; empty when the target's primary key is meant
 * @param onDelete      the ON DELETE action in upper case ({@code CASCADE}, {@code SET NULL}), or null
 * @param onUpdate      the ON UPDATE action in upper case, or null
 * @param at            where the clause starts (FOREIGN KEY or REFERENCES)
 * @param onDeleteAt    the action's first word, or null
 */
public record ForeignKeyDefinition(
        List<String> columns,
        Name target,
        List<String> targetColumns,
        String onDelete,
        String onUpdate,
        Lexeme at,
        Lexeme onDeleteAt) {

    public ForeignKeyDefinition {
        columns = List.copyOf(columns);
        targetColumns = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(targetColumns));
    }

    public boolean cascadesDeletes() {
        return "CASCADE".equals(onDelete);
    }
}
