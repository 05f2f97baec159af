package dev.strata.dialect;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the history table lives.
 *
 * @param table   plain identifier, already validated by the configuration
 * @param schema  PostgreSQL schema; empty means the session's current schema
 */
public record HistorySettings(String table, Optional<String> schema) {

    public HistorySettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
    }
}
