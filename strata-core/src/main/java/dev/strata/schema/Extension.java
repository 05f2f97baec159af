package dev.strata.schema;

import java.util.Objects;

/** A PostgreSQL extension and the schema it was installed into. */
public record Extension(String name, String schema, String version) {

    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(version, "version");
    }
}
