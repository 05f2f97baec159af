package dev.strata.shadow;

import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.source.Migration;
import java.util.List;
import java.util.Objects;

/**
 * One migration run (or reverted) on the shadow database, and what it did to the schema.
 *
 * @param migration the migration
 * @param before    the shadow's schema before it ran
 * @param after     the shadow's schema after it ran
 * @param changes   {@code SchemaDiff.between(before, after)}
 */
public record ShadowStep(Migration migration, Schema before, Schema after, List<SchemaChange> changes) {

    public ShadowStep {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        changes = List.copyOf(changes);
    }
}
