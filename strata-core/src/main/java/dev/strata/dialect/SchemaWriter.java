package dev.strata.dialect;

import dev.strata.schema.Index;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;

/**
 * Writes a {@link dev.strata.schema.Schema} back as this engine's SQL. {@link #script} is what
 * {@code strata dump} prints: loading it into an empty database gives back an equal schema.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SchemaWriter {

    /**
     * The whole schema as one script, objects in an order the engine accepts (types and sequences
     * before the tables that use them, tables before their indexes, views and triggers), each
     * statement ending with {@code ;} and a line break.
     */
    String script(Schema schema);

    /** CREATE TABLE with columns and every constraint declared inside it; no trailing semicolon. */
    String createTable(Table table);

    /** CREATE [UNIQUE] INDEX; no trailing semicolon. */
    String createIndex(Index index);

    /** An identifier quoted for this engine when it needs quoting, as is otherwise. */
    String quote(String identifier);
}
