package dev.strata.lint;

import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import java.util.List;
import java.util.Objects;

/**
 * What running one migration on the shadow database did: the schema it met, the schema it left and
 * the differences. With it the linter knows the real schema instead of what it could read from the
 * statements of earlier migrations, and sees rebuilds it could not recognise by their statements.
 */
public record ShadowEffect(Schema before, Schema after, List<SchemaChange> changes) {

    public ShadowEffect {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        changes = List.copyOf(changes);
    }
}
