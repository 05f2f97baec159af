package dev.strata.schema;

import java.util.List;
import java.util.Objects;

/**
 * A view.
 *
 * @param definition   the SELECT as the engine reports it (PostgreSQL: pg_get_viewdef; SQLite: the
 *                     text after AS in the stored CREATE VIEW)
 * @param materialized PostgreSQL MATERIALIZED VIEW
 * @param comment      PostgreSQL COMMENT ON VIEW, or null
 * @param columns      the column names listed after the view's name ({@code CREATE VIEW v (a, b) AS ...}),
 *                     which rename the SELECT's columns; empty when the SQL lists none or the engine
 *                     folds them into the definition (PostgreSQL)
 */
public record View(QualifiedName name, String definition, boolean materialized, String comment, List<String> columns) {

    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        columns = List.copyOf(columns);
    }

    /** A view without a column list. */
    public View(QualifiedName name, String definition, boolean materialized, String comment) {
        this(name, definition, materialized, comment, List.of());
    }
}
