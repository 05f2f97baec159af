package dev.strata.inspect;

import dev.strata.schema.Schema;
import java.util.Objects;

/**
 * A schema and its canonical SQL, as {@code strata dump} prints it.
 *
 * @param source what was dumped, for people: the database, or the migrations folder
 * @param schema the schema
 * @param sql    the engine's canonical script for it; loading it into an empty database gives an
 *               equal schema
 */
public record SchemaDump(String source, Schema schema, String sql) {

    public SchemaDump {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(sql, "sql");
    }
}
