package dev.strata.schema;

import java.util.List;
import java.util.Objects;

/**
 * An index made by CREATE INDEX. Indexes that only back a PRIMARY KEY or UNIQUE constraint belong
 * to their {@link Table} and are not listed.
 *
 * @param name    the index name
 * @param table   the indexed table
 * @param unique  UNIQUE
 * @param keys    the keys, in order
 * @param where   the partial-index condition, or null
 * @param method  the PostgreSQL access method ({@code btree}, {@code gin}, ...); null for SQLite
 * @param valid   false for a PostgreSQL index left INVALID by a failed CREATE INDEX CONCURRENTLY
 * @param comment PostgreSQL COMMENT ON INDEX, or null
 * @param include PostgreSQL INCLUDE columns, stored in the index but not part of its key
 */
public record Index(
        QualifiedName name,
        QualifiedName table,
        boolean unique,
        List<IndexKey> keys,
        String where,
        String method,
        boolean valid,
        String comment,
        List<String> include) {

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        keys = List.copyOf(keys);
        include = List.copyOf(include);
    }

    /** An index without INCLUDE columns (every SQLite index). */
    public Index(
            QualifiedName name,
            QualifiedName table,
            boolean unique,
            List<IndexKey> keys,
            String where,
            String method,
            boolean valid,
            String comment) {
        this(name, table, unique, keys, where, method, valid, comment, List.of());
    }

    /** The key columns and expressions, e.g. {@code (timestamp, instrument DESC)}. */
    public String describeKeys() {
        return "(" + String.join(", ", keys.stream().map(IndexKey::describe).toList()) + ")";
    }
}
