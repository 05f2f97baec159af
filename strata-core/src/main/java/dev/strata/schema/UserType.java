package dev.strata.schema;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL type made by CREATE TYPE or CREATE DOMAIN.
 *
 * @param labels     an enum's labels in their sort order; empty for other kinds
 * @param definition the rest of the type as SQL text: a domain's base type and constraints, a
 *                   composite's attribute list, a range's subtype; empty for an enum
 * @param comment    COMMENT ON TYPE, or null
 */
public record UserType(QualifiedName name, Kind kind, List<String> labels, String definition, String comment) {

    public enum Kind {
        ENUM,
        DOMAIN,
        COMPOSITE,
        RANGE
    }

    public UserType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        labels = List.copyOf(labels);
        Objects.requireNonNull(definition, "definition");
    }
}
