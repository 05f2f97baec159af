package dev.strata.schema;

import dev.strata.schema.SchemaChange.Change;
import dev.strata.schema.SchemaChange.ObjectKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The changes inside one table that exists on both sides (maybe under a new name): columns, primary
 * key, foreign keys, checks, uniques and table options, appended to a {@link SchemaDiff}'s list.
 */
final class TableDiff {

    private final Schema before;
    private final Schema after;
    private final Map<QualifiedName, QualifiedName> renamedTables;
    private final List<SchemaChange> changes;
    private String table;

    TableDiff(
            Schema before, Schema after, Map<QualifiedName, QualifiedName> renamedTables, List<SchemaChange> changes) {
        this.before = before;
        this.after = after;
        this.renamedTables = renamedTables;
        this.changes = changes;
    }

    void compare(Table old, Table current) {
        table = after.display(current.name());
        Map<String, String> renamedColumns = renamedColumns(old, current);
        columns(old, current, renamedColumns);
        // Constraints of the old table are compared under the new column names, so a renamed column
        // does not also show as its key or unique constraint dropped and added.
        Table renamed = underNewColumnNames(old, renamedColumns);
        primaryKey(renamed.primaryKey(), current.primaryKey());
        foreignKeys(renamed, current);
        SchemaDiff.match(
                old.checks(),
                current.checks(),
                TableDiff::checkKey,
                gone -> add(Change.REMOVED, ObjectKind.CHECK, checkName(gone), null, gone.expression(), null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.CHECK,
                        checkName(added),
                        null,
                        null,
                        added.name() == null ? null : added.expression()),
                (was, is) -> {
                    altered(
                            ObjectKind.CHECK,
                            checkName(is),
                            SchemaChange.ASPECT_DEFINITION,
                            was.expression(),
                            is.expression());
                    altered(
                            ObjectKind.CHECK,
                            checkName(is),
                            SchemaChange.ASPECT_VALID,
                            Summaries.yesNo(was.valid()),
                            Summaries.yesNo(is.valid()));
                });
        SchemaDiff.match(
                renamed.uniques(),
                current.uniques(),
                unique -> String.join(",", unique.columns()),
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.UNIQUE,
                        Summaries.columnsAsName(gone.columns()),
                        null,
                        gone.name(),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.UNIQUE,
                        Summaries.columnsAsName(added.columns()),
                        null,
                        null,
                        added.name()),
                (was, is) -> named(ObjectKind.UNIQUE, Summaries.columnsAsName(is.columns()), was.name(), is.name()));
        option("STRICT", old.strict(), current.strict());
        option("WITHOUT ROWID", old.withoutRowid(), current.withoutRowid());
        altered(
                ObjectKind.TABLE,
                null,
                SchemaChange.ASPECT_PARTITIONING,
                Summaries.partitioning(old.partitioning(), before),
                Summaries.partitioning(current.partitioning(), after));
        altered(
                ObjectKind.TABLE,
                null,
                SchemaChange.ASPECT_COMMENT,
                Summaries.orNone(old.comment()),
                Summaries.orNone(current.comment()));
        altered(
                ObjectKind.TABLE,
                null,
                SchemaChange.ASPECT_STORAGE_PARAMETERS,
                Summaries.storageParameters(old.settings()),
                Summaries.storageParameters(current.settings()));
        altered(
                ObjectKind.TABLE,
                null,
                SchemaChange.ASPECT_ROW_SECURITY,
                Summaries.rowSecurity(old.settings()),
                Summaries.rowSecurity(current.settings()));
        altered(
                ObjectKind.TABLE,
                null,
                SchemaChange.ASPECT_CONSTRAINT_COMMENTS,
                Summaries.constraintComments(old.settings()),
                Summaries.constraintComments(current.settings()));
    }

    // ---- columns ----------------------------------------------------------------------------

    private void columns(Table old, Table current, Map<String, String> renamedColumns) {
        Map<String, String> renamedFrom = new HashMap<>();
        renamedColumns.forEach((from, to) -> renamedFrom.put(to, from));
        for (Column column : current.columns()) {
            String source = renamedFrom.getOrDefault(column.name(), column.name());
            Column was = old.column(source).orElse(null);
            if (was == null) {
                add(Change.ADDED, ObjectKind.COLUMN, column.name(), null, null, Summaries.column(column));
                continue;
            }
            if (!source.equals(column.name())) {
                add(Change.ALTERED, ObjectKind.COLUMN, column.name(), SchemaChange.ASPECT_NAME, source, column.name());
            }
            column(was, column);
        }
        for (Column column : old.columns()) {
            if (current.column(column.name()).isEmpty() && !renamedColumns.containsKey(column.name())) {
                add(Change.REMOVED, ObjectKind.COLUMN, column.name(), null, Summaries.column(column), null);
            }
        }
        List<String> oldOrder = old.columns().stream()
                .map(c -> renamedColumns.getOrDefault(c.name(), c.name()))
                .filter(name -> current.column(name).isPresent())
                .toList();
        List<String> newOrder = current.columns().stream()
                .map(Column::name)
                .filter(oldOrder::contains)
                .toList();
        if (!oldOrder.equals(newOrder)) {
            altered(
                    ObjectKind.TABLE,
                    null,
                    SchemaChange.ASPECT_COLUMN_ORDER,
                    String.join(", ", oldOrder),
                    String.join(", ", newOrder));
        }
    }

    private void column(Column was, Column is) {
        String name = is.name();
        altered(ObjectKind.COLUMN, name, SchemaChange.ASPECT_TYPE, was.type(), is.type());
        altered(
                ObjectKind.COLUMN,
                name,
                SchemaChange.ASPECT_NOT_NULL,
                Summaries.yesNo(was.notNull()),
                Summaries.yesNo(is.notNull()));
        altered(
                ObjectKind.COLUMN,
                name,
                SchemaChange.ASPECT_DEFAULT,
                Summaries.orNone(was.defaultValue()),
                Summaries.orNone(is.defaultValue()));
        altered(
                ObjectKind.COLUMN,
                name,
                SchemaChange.ASPECT_COLLATION,
                Summaries.orNone(was.collation()),
                Summaries.orNone(is.collation()));
        altered(
                ObjectKind.COLUMN,
                name,
                SchemaChange.ASPECT_GENERATED,
                Summaries.generated(was.generated()),
                Summaries.generated(is.generated()));
        altered(
                ObjectKind.COLUMN,
                name,
                SchemaChange.ASPECT_IDENTITY,
                Summaries.orNone(was.identity()),
                Summaries.orNone(is.identity()));
        altered(
                ObjectKind.COLUMN,
                name,
                SchemaChange.ASPECT_COMMENT,
                Summaries.orNone(was.comment()),
                Summaries.orNone(is.comment()));
    }

    /**
     * Pairs a vanished column with an appeared one at the same position and with the same definition
     * apart from its name, when that pairing is the only one possible.
     */
    static Map<String, String> renamedColumns(Table old, Table current) {
        List<Column> gone = old.columns().stream()
                .filter(c -> current.column(c.name()).isEmpty())
                .toList();
        List<Column> appeared = current.columns().stream()
                .filter(c -> old.column(c.name()).isEmpty())
                .toList();
        Map<String, String> pairs = new HashMap<>();
        for (Column column : gone) {
            int position = old.columns().indexOf(column);
            SchemaDiff.onlyOne(appeared, c -> sameExceptName(column, c))
                    .filter(candidate -> current.columns().indexOf(candidate) == position)
                    .filter(candidate -> SchemaDiff.onlyOne(gone, c -> sameExceptName(c, candidate))
                            .isPresent())
                    .ifPresent(candidate -> pairs.put(column.name(), candidate.name()));
        }
        return pairs;
    }

    private static Table underNewColumnNames(Table old, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return old;
        }
        java.util.function.UnaryOperator<List<String>> map = names ->
                names.stream().map(name -> renamed.getOrDefault(name, name)).toList();
        PrimaryKey key = old.primaryKey() == null
                ? null
                : new PrimaryKey(
                        old.primaryKey().name(),
                        map.apply(old.primaryKey().columns()),
                        old.primaryKey().autoincrement());
        List<ForeignKey> keys = old.foreignKeys().stream()
                .map(fk -> new ForeignKey(
                        fk.name(),
                        map.apply(fk.columns()),
                        fk.target(),
                        fk.targetColumns(),
                        fk.onDelete(),
                        fk.onUpdate(),
                        fk.deferrable(),
                        fk.initiallyDeferred(),
                        fk.valid()))
                .toList();
        List<UniqueConstraint> uniques = old.uniques().stream()
                .map(unique -> new UniqueConstraint(unique.name(), map.apply(unique.columns())))
                .toList();
        return new Table(
                old.name(),
                old.columns(),
                key,
                keys,
                old.checks(),
                uniques,
                old.strict(),
                old.withoutRowid(),
                old.comment(),
                old.partitioning(),
                old.settings());
    }

    /** An old index's keys under the new names of renamed columns. */
    static Index underNewColumnNames(Index index, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return index;
        }
        List<IndexKey> keys = index.keys().stream()
                .map(key -> key.column() == null
                        ? key
                        : new IndexKey(
                                renamed.getOrDefault(key.column(), key.column()),
                                null,
                                key.descending(),
                                key.collation(),
                                key.opclass(),
                                key.nulls()))
                .toList();
        List<String> include = index.include().stream()
                .map(name -> renamed.getOrDefault(name, name))
                .toList();
        return new Index(
                index.name(),
                index.table(),
                index.unique(),
                keys,
                index.where(),
                index.method(),
                index.valid(),
                index.comment(),
                include);
    }

    private static boolean sameExceptName(Column a, Column b) {
        return new Column(
                        b.name(),
                        a.type(),
                        a.notNull(),
                        a.defaultValue(),
                        a.collation(),
                        a.generated(),
                        a.identity(),
                        a.comment())
                .equals(b);
    }

    // ---- constraints ------------------------------------------------------------------------

    private void primaryKey(PrimaryKey was, PrimaryKey is) {
        if (Objects.equals(was, is)) {
            return;
        }
        if (was == null) {
            add(
                    Change.ADDED,
                    ObjectKind.PRIMARY_KEY,
                    Summaries.columnList(is.columns()),
                    null,
                    null,
                    Summaries.columnList(is.columns()));
        } else if (is == null) {
            add(
                    Change.REMOVED,
                    ObjectKind.PRIMARY_KEY,
                    Summaries.columnList(was.columns()),
                    null,
                    Summaries.columnList(was.columns()),
                    null);
        } else {
            String name = Summaries.columnList(is.columns());
            altered(
                    ObjectKind.PRIMARY_KEY,
                    name,
                    SchemaChange.ASPECT_COLUMNS,
                    Summaries.columnList(was.columns()),
                    name);
            altered(
                    ObjectKind.PRIMARY_KEY,
                    name,
                    SchemaChange.ASPECT_AUTOINCREMENT,
                    Summaries.yesNo(was.autoincrement()),
                    Summaries.yesNo(is.autoincrement()));
            named(ObjectKind.PRIMARY_KEY, name, was.name(), is.name());
        }
    }

    private void foreignKeys(Table old, Table current) {
        Function<ForeignKey, String> oldKey = keyOf(old.foreignKeys(), before);
        Function<ForeignKey, String> newKey = keyOf(current.foreignKeys(), after);
        Map<String, ForeignKey> was = new TreeMap<>();
        old.foreignKeys().forEach(key -> was.putIfAbsent(oldKey.apply(key), key));
        Map<String, ForeignKey> is = new TreeMap<>();
        current.foreignKeys().forEach(key -> is.putIfAbsent(newKey.apply(key), key));
        TreeSet<String> names = new TreeSet<>(was.keySet());
        names.addAll(is.keySet());
        for (String name : names) {
            ForeignKey a = was.get(name);
            ForeignKey b = is.get(name);
            if (b == null) {
                add(Change.REMOVED, ObjectKind.FOREIGN_KEY, name, null, Summaries.foreignKey(a, target(a)), null);
            } else if (a == null) {
                add(
                        Change.ADDED,
                        ObjectKind.FOREIGN_KEY,
                        name,
                        null,
                        null,
                        Summaries.foreignKey(b, after.display(b.target())));
            } else {
                foreignKey(name, a, b);
            }
        }
    }

    private void foreignKey(String name, ForeignKey was, ForeignKey is) {
        altered(
                ObjectKind.FOREIGN_KEY,
                name,
                SchemaChange.ASPECT_REFERENCES,
                Summaries.references(was, target(was)),
                Summaries.references(is, after.display(is.target())));
        altered(
                ObjectKind.FOREIGN_KEY,
                name,
                SchemaChange.ASPECT_ON_DELETE,
                was.onDelete().sql(),
                is.onDelete().sql());
        altered(
                ObjectKind.FOREIGN_KEY,
                name,
                SchemaChange.ASPECT_ON_UPDATE,
                was.onUpdate().sql(),
                is.onUpdate().sql());
        altered(
                ObjectKind.FOREIGN_KEY,
                name,
                SchemaChange.ASPECT_DEFERRABLE,
                Summaries.deferrable(was),
                Summaries.deferrable(is));
        altered(
                ObjectKind.FOREIGN_KEY,
                name,
                SchemaChange.ASPECT_VALID,
                Summaries.yesNo(was.valid()),
                Summaries.yesNo(is.valid()));
        named(ObjectKind.FOREIGN_KEY, name, was.name(), is.name());
    }

    /** The target of an old foreign key, under its new name when its table was renamed. */
    private String target(ForeignKey key) {
        return after.display(renamedTables.getOrDefault(key.target(), key.target()));
    }

    /**
     * Foreign keys are named by their columns; when two keys of the table share their columns, the
     * target is added to tell them apart.
     */
    private static Function<ForeignKey, String> keyOf(List<ForeignKey> keys, Schema schema) {
        Map<List<String>, Long> counts = new HashMap<>();
        keys.forEach(key -> counts.merge(key.columns(), 1L, Long::sum));
        return key -> Summaries.columnsAsName(key.columns())
                + (counts.get(key.columns()) > 1 ? " -> " + schema.display(key.target()) : "");
    }

    private static String checkKey(CheckConstraint check) {
        return check.name() != null ? "1" + check.name() : "2" + check.expression();
    }

    private static String checkName(CheckConstraint check) {
        return check.name() != null ? check.name() : check.expression();
    }

    /** A constraint's own name changed; only compared when both sides have one (SQLite gives none). */
    private void named(ObjectKind kind, String name, String was, String is) {
        if (was != null && is != null) {
            altered(kind, name, SchemaChange.ASPECT_NAME, was, is);
        }
    }

    private void option(String option, boolean was, boolean is) {
        if (was != is) {
            add(is ? Change.ADDED : Change.REMOVED, ObjectKind.TABLE_OPTION, option, null, null, null);
        }
    }

    // ---- output ---------------------------------------------------------------------------------

    private void add(Change change, ObjectKind kind, String name, String aspect, String was, String is) {
        boolean standalone = kind == ObjectKind.TABLE;
        changes.add(
                new SchemaChange(change, kind, standalone ? null : table, standalone ? table : name, aspect, was, is));
    }

    private void altered(ObjectKind kind, String name, String aspect, String was, String is) {
        if (!Objects.equals(was, is)) {
            add(Change.ALTERED, kind, name, aspect, was, is);
        }
    }
}
