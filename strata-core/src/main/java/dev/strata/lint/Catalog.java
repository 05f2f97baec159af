package dev.strata.lint;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.ColumnDefinition;
import dev.strata.ddl.ForeignKeyDefinition;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the linter knows of the schema at one point of a run: tables with their columns, foreign keys
 * and unique keys, and indexes. It starts from a real {@link Schema} when one is at hand, or empty,
 * and follows the statements of each migration as they go by. Names are keys in lower case.
 *
 * <p>Mutable and confined to one lint run.
 */
final class Catalog {

    record ColumnInfo(String name, String type, boolean notNull, boolean primaryKey) {}

    record ForeignKeyInfo(String table, List<String> columns, String target, String onDelete) {}

    record IndexInfo(String name, String table, List<String> columns, boolean unique) {}

    static final class TableInfo {
        final String name;
        final Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        final List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
        final List<List<String>> uniques = new ArrayList<>();

        TableInfo(String name) {
            this.name = name;
        }

        Optional<ColumnInfo> column(String column) {
            return Optional.ofNullable(columns.get(key(column)));
        }

        List<String> primaryKey() {
            return columns.values().stream()
                    .filter(ColumnInfo::primaryKey)
                    .map(c -> key(c.name()))
                    .toList();
        }
    }

    private final Map<String, TableInfo> tables = new LinkedHashMap<>();
    private final Map<String, IndexInfo> indexes = new LinkedHashMap<>();

    static Catalog empty() {
        return new Catalog();
    }

    /** What an introspected schema holds, in the catalog's terms. */
    static Catalog of(Schema schema) {
        Catalog catalog = new Catalog();
        for (Table table : schema.tables()) {
            TableInfo info = new TableInfo(table.name().name());
            List<String> primaryKey =
                    table.primaryKey() == null ? List.of() : table.primaryKey().columns();
            for (Column column : table.columns()) {
                boolean key = primaryKey.contains(column.name());
                info.columns.put(
                        key(column.name()), new ColumnInfo(column.name(), column.type(), column.notNull() || key, key));
            }
            for (ForeignKey key : table.foreignKeys()) {
                info.foreignKeys.add(new ForeignKeyInfo(
                        key(table.name().name()),
                        keys(key.columns()),
                        key(key.target().name()),
                        key.onDelete().sql()));
            }
            for (UniqueConstraint unique : table.uniques()) {
                info.uniques.add(keys(unique.columns()));
            }
            catalog.tables.put(key(table.name().name()), info);
        }
        for (Index index : schema.indexes()) {
            List<String> columns = index.keys().stream()
                    .map(IndexKey::column)
                    .map(c -> c == null ? null : key(c))
                    .toList();
            catalog.indexes.put(
                    key(index.name().name()),
                    new IndexInfo(index.name().name(), key(index.table().name()), columns, index.unique()));
        }
        return catalog;
    }

    Catalog copy() {
        Catalog copy = new Catalog();
        tables.forEach((name, table) -> {
            TableInfo info = new TableInfo(table.name);
            info.columns.putAll(table.columns);
            info.foreignKeys.addAll(table.foreignKeys);
            info.uniques.addAll(table.uniques);
            copy.tables.put(name, info);
        });
        copy.indexes.putAll(indexes);
        return copy;
    }

    Optional<TableInfo> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    boolean hasTable(String name) {
        return tables.containsKey(key(name));
    }

    /** Whether an index of that name exists (PostgreSQL and SQLite index names are unique per schema). */
    boolean hasIndex(String name) {
        return indexes.containsKey(key(name));
    }

    Optional<IndexInfo> index(String name) {
        return Optional.ofNullable(indexes.get(key(name)));
    }

    List<IndexInfo> indexesOn(String table) {
        return indexes.values().stream()
                .filter(index -> index.table().equals(key(table)))
                .toList();
    }

    /** Foreign keys of other tables that point at {@code table}. */
    List<ForeignKeyInfo> referencesTo(String table) {
        String target = key(table);
        return tables.values().stream()
                .flatMap(t -> t.foreignKeys.stream())
                .filter(key -> key.target().equals(target) && !key.table().equals(target))
                .toList();
    }

    /**
     * Whether lookups by {@code columns} on {@code table} can use an index: an index, a primary key
     * or a unique constraint whose leading columns are exactly these, in any order.
     */
    boolean isIndexed(String table, List<String> columns) {
        List<String> wanted = keys(columns);
        List<List<String>> candidates = new ArrayList<>();
        indexesOn(table).forEach(index -> candidates.add(index.columns()));
        table(table).ifPresent(info -> {
            candidates.add(info.primaryKey());
            candidates.addAll(info.uniques);
        });
        return candidates.stream()
                .anyMatch(keyColumns -> keyColumns.size() >= wanted.size()
                        && keyColumns.subList(0, wanted.size()).stream()
                                .filter(Objects::nonNull)
                                .collect(java.util.stream.Collectors.toSet())
                                .equals(new java.util.HashSet<>(wanted)));
    }

    /** Follows one statement. */
    void apply(Change change) {
        if (change instanceof Change.CreateTable create) {
            createTable(create);
        } else if (change instanceof Change.CreateIndex create) {
            String name = create.index() == null
                    ? create.table().name() + "_idx" + indexes.size()
                    : create.index().name();
            if (!(create.ifNotExists() && indexes.containsKey(key(name)))) {
                indexes.put(
                        key(name), new IndexInfo(name, create.table().key(), keys(create.columns()), create.unique()));
            }
        } else if (change instanceof Change.Drop drop) {
            drop.names().forEach(name -> {
                if (drop.type() == Change.ObjectType.TABLE) {
                    tables.remove(name.key());
                    indexes.values().removeIf(index -> index.table().equals(name.key()));
                } else if (drop.type() == Change.ObjectType.INDEX) {
                    indexes.remove(name.key());
                }
            });
        } else if (change instanceof Change.AlterTable alter) {
            alter.actions().forEach(action -> alter(alter.table().key(), action));
        }
    }

    private void createTable(Change.CreateTable create) {
        if (create.ifNotExists() && tables.containsKey(create.table().key())) {
            return;
        }
        TableInfo info = new TableInfo(create.table().name());
        for (ColumnDefinition column : create.columns()) {
            info.columns.put(key(column.name()), info(column));
        }
        for (ForeignKeyDefinition key : create.foreignKeys()) {
            info.foreignKeys.add(info(create.table().key(), key));
        }
        create.uniques().forEach(unique -> info.uniques.add(keys(unique)));
        tables.put(create.table().key(), info);
    }

    private void alter(String tableName, AlterAction action) {
        TableInfo table = tables.get(tableName);
        if (action instanceof AlterAction.RenameTable rename) {
            if (table != null) {
                tables.remove(tableName);
                tables.put(rename.to().key(), renamed(table, rename.to().name()));
            }
            String to = rename.to().key();
            indexes.replaceAll((name, index) -> index.table().equals(tableName)
                    ? new IndexInfo(index.name(), to, index.columns(), index.unique())
                    : index);
            // Both engines follow a renamed table in the foreign keys that point at it.
            tables.values()
                    .forEach(t -> t.foreignKeys.replaceAll(key -> key.target().equals(tableName)
                            ? new ForeignKeyInfo(key.table(), key.columns(), to, key.onDelete())
                            : key));
            return;
        }
        if (table == null) {
            return;
        }
        if (action instanceof AlterAction.AddColumn add) {
            table.columns.put(key(add.column().name()), info(add.column()));
            if (add.column().references() != null) {
                table.foreignKeys.add(info(tableName, add.column().references()));
            }
            if (add.column().unique()) {
                table.uniques.add(List.of(key(add.column().name())));
            }
        } else if (action instanceof AlterAction.DropColumn drop) {
            table.columns.remove(key(drop.column()));
        } else if (action instanceof AlterAction.RenameColumn rename) {
            ColumnInfo old = table.columns.remove(key(rename.from()));
            if (old != null) {
                table.columns.put(
                        key(rename.to()), new ColumnInfo(rename.to(), old.type(), old.notNull(), old.primaryKey()));
            }
        } else if (action instanceof AlterAction.AlterColumnType type) {
            table.column(type.column())
                    .ifPresent(old -> table.columns.put(
                            key(old.name()), new ColumnInfo(old.name(), type.type(), old.notNull(), old.primaryKey())));
        } else if (action instanceof AlterAction.SetNotNull set) {
            table.column(set.column())
                    .ifPresent(old -> table.columns.put(
                            key(old.name()), new ColumnInfo(old.name(), old.type(), true, old.primaryKey())));
        } else if (action instanceof AlterAction.AddConstraint add) {
            if (add.foreignKey() != null) {
                table.foreignKeys.add(info(tableName, add.foreignKey()));
            } else if (add.type() == AlterAction.ConstraintType.UNIQUE
                    && !add.columns().isEmpty()) {
                table.uniques.add(keys(add.columns()));
            }
        }
    }

    private static TableInfo renamed(TableInfo table, String name) {
        TableInfo info = new TableInfo(name);
        info.columns.putAll(table.columns);
        table.foreignKeys.forEach(key ->
                info.foreignKeys.add(new ForeignKeyInfo(key(name), key.columns(), key.target(), key.onDelete())));
        info.uniques.addAll(table.uniques);
        return info;
    }

    private static ColumnInfo info(ColumnDefinition column) {
        return new ColumnInfo(
                column.name(), column.type(), column.notNull() || column.primaryKey(), column.primaryKey());
    }

    private static ForeignKeyInfo info(String table, ForeignKeyDefinition key) {
        return new ForeignKeyInfo(
                table, keys(key.columns()), key.target().key(), key.onDelete() == null ? "NO ACTION" : key.onDelete());
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static List<String> keys(List<String> names) {
        return names.stream().map(n -> n == null ? null : key(n)).toList();
    }
}
