package dev.strata.schema;

import java.util.Objects;

/**
 * A PostgreSQL sequence. Sequences owned by identity columns are part of their column and not listed.
 *
 * @param ownedBy {@code table.column} for a sequence owned by a serial column, or null
 */
public record Sequence(
        QualifiedName name,
        String dataType,
        long start,
        long increment,
        long minValue,
        long maxValue,
        boolean cycle,
        String ownedBy) {

    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
    }
}
