package dev.strata.schema;

import java.util.List;

/**
 * A table's primary key.
 *
 * @param name          the constraint name, or null when the engine gives none (SQLite)
 * @param columns       the key's columns, in key order
 * @param autoincrement SQLite AUTOINCREMENT (row ids are never reused)
 */
public record PrimaryKey(String name, List<String> columns, boolean autoincrement) {

    public PrimaryKey {
        columns = List.copyOf(columns);
    }

    public PrimaryKey(List<String> columns) {
        this(null, columns, false);
    }
}
