package dev.strata.schema;

import java.util.Objects;

/**
 * A view.
 *
 * @param definition   the SELECT as the engine reports it (PostgreSQL: pg_get_viewdef; SQLite: the
 *                     text after AS in the stored CREATE VIEW)
 * @param materialized PostgreSQL MATERIALIZED VIEW
 * @param comment      PostgreSQL COMMENT ON VIEW, or null
 */
public record View(QualifiedName name, String definition, boolean materialized, String comment) {

    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }
}
