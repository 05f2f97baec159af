package dev.strata.schema;

import java.util.Objects;

/**
 * A PostgreSQL function or procedure. Overloads are told apart by their argument types.
 *
 * @param arguments  the identity argument types, e.g. {@code integer, text}
 * @param definition the whole CREATE statement as the engine reports it (pg_get_functiondef)
 * @param comment    COMMENT ON FUNCTION, or null
 */
public record Routine(QualifiedName name, String arguments, String definition, String comment) {

    public Routine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(definition, "definition");
    }

    /** {@code name(argument types)}: what tells overloads apart. */
    public String signature() {
        return name.name() + "(" + arguments + ")";
    }
}
