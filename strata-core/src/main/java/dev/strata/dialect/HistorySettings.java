package dev.strata.dialect;

import dev.strata.config.HistoryMirror;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the history table lives.
 *
 * @param table   plain identifier, already validated by the configuration
 * @param schema  PostgreSQL schema; empty means the session's current schema
 * @param mirror  another tool's history table to keep in step with strata's
 */
public record HistorySettings(String table, Optional<String> schema, HistoryMirror mirror) {

    public HistorySettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(mirror, "mirror");
    }

    public HistorySettings(String table, Optional<String> schema) {
        this(table, schema, HistoryMirror.NONE);
    }
}
