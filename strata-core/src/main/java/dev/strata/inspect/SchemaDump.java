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

    /** True when {@code text} is this dump, line endings aside (a CRLF checkout is not stale). */
    public boolean matches(String text) {
        return normalise(text).equals(normalise(sql));
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
