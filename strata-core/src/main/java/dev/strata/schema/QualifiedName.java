package dev.strata.schema;

import java.util.Objects;

/**
 * The name of a schema object inside its namespace: a PostgreSQL schema, or {@code main} for
 * SQLite. Names are kept exactly as the engine reports them (already case-folded by the engine).
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** The name as people read it: without the namespace when it is the default one. */
    public String display(String defaultSchema) {
        return schema.equals(defaultSchema) ? name : schema + "." + name;
    }

    @Override
    public int compareTo(QualifiedName other) {
        // Written out rather than a Comparator chain: schema diffs compare names millions of times.
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
