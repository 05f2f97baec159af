package dev.strata.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table with everything declared inside its CREATE TABLE. Indexes and triggers are separate
 * objects of the {@link Schema}, found with {@link Schema#indexesOn} and {@link Schema#triggersOn}.
 *
 * @param name         the table's name
 * @param columns      in declared order (the order matters: SELECT * and INSERT without a column list)
 * @param primaryKey   the primary key, or null when the table has none
 * @param foreignKeys  in canonical order
 * @param checks       in canonical order
 * @param uniques      in canonical order
 * @param strict       SQLite STRICT
 * @param withoutRowid SQLite WITHOUT ROWID
 * @param comment      PostgreSQL COMMENT ON TABLE, or null
 * @param partitioning PostgreSQL declarative partitioning, or null for a table that is neither
 *                     partitioned nor a partition
 * @param settings     storage parameters and row-level security
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        PrimaryKey primaryKey,
        List<ForeignKey> foreignKeys,
        List<CheckConstraint> checks,
        List<UniqueConstraint> uniques,
        boolean strict,
        boolean withoutRowid,
        String comment,
        Partitioning partitioning,
        TableSettings settings) {

    public Table {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        columns = List.copyOf(columns);
        foreignKeys = CanonicalOrder.sorted(
                foreignKeys,
                Comparator.comparing((ForeignKey key) -> String.join(",", key.columns()))
                        .thenComparing(ForeignKey::target)
                        .thenComparing(key -> CanonicalOrder.nullFirst(key.name())));
        checks = CanonicalOrder.sorted(
                checks,
                Comparator.comparing((CheckConstraint check) -> CanonicalOrder.nullFirst(check.name()))
                        .thenComparing(CheckConstraint::expression));
        uniques = CanonicalOrder.sorted(
                uniques,
                Comparator.comparing((UniqueConstraint unique) -> String.join(",", unique.columns()))
                        .thenComparing(unique -> CanonicalOrder.nullFirst(unique.name())));
    }

    /** A table without storage parameters or row-level security. */
    public Table(
            QualifiedName name,
            List<Column> columns,
            PrimaryKey primaryKey,
            List<ForeignKey> foreignKeys,
            List<CheckConstraint> checks,
            List<UniqueConstraint> uniques,
            boolean strict,
            boolean withoutRowid,
            String comment,
            Partitioning partitioning) {
        this(
                name,
                columns,
                primaryKey,
                foreignKeys,
                checks,
                uniques,
                strict,
                withoutRowid,
                comment,
                partitioning,
                TableSettings.NONE);
    }

    /** A table outside any partitioning (every SQLite table). */
    public Table(
            QualifiedName name,
            List<Column> columns,
            PrimaryKey primaryKey,
            List<ForeignKey> foreignKeys,
            List<CheckConstraint> checks,
            List<UniqueConstraint> uniques,
            boolean strict,
            boolean withoutRowid,
            String comment) {
        this(name, columns, primaryKey, foreignKeys, checks, uniques, strict, withoutRowid, comment, null);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream()
                .filter(column -> column.name().equals(columnName))
                .findFirst();
    }
}
