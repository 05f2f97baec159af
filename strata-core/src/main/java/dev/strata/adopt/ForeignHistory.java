package dev.strata.adopt;

import java.util.List;
import java.util.Objects;

/**
 * The history another tool keeps in the database, as read from its table.
 *
 * @param tool   the tool
 * @param table  its table, as found
 * @param rows   what it recorded, in the order it applied them
 */
public record ForeignHistory(Tool tool, String table, List<ForeignRow> rows) {

    public ForeignHistory {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(table, "table");
        rows = List.copyOf(rows);
    }

    /** {@code Flyway (flyway_schema_history)}. */
    public String shown() {
        return tool.displayName() + " (" + table + ")";
    }
}
