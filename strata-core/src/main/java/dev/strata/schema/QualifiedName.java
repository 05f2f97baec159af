package dev.strata.schema;

import java.util.Comparator;
import java.util.Objects;

/**
 * The name of a schema object inside its namespace: a PostgreSQL schema, or {@code main} for
 * SQLite. Names are kept exactly as the engine reports them (already case-folded by the engine).
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

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
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
