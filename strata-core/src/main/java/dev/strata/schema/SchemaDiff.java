package dev.strata.schema;

import dev.strata.schema.SchemaChange.Change;
import dev.strata.schema.SchemaChange.ObjectKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The differences between two schemas, as a list of {@link SchemaChange}s in one deterministic order:
 * schemas, extensions, types, sequences, then table by table (the table, its columns in declared
 * order, primary key, foreign keys, checks, uniques, options, storage parameters, row-level
 * security), then virtual tables, indexes, views, triggers, functions, policies and grants; inside
 * each kind, by name. {@link Schema#dependencies()} and {@link Schema#notCompared()} are not compared.
 *
 * <p>Objects are matched by name, columns by name inside their table, so a table rebuilt under its
 * old name (SQLite's create-copy-drop-rename) shows as the column changes it made, not as a drop and
 * a create. Foreign keys and UNIQUE constraints are matched by their columns, unnamed CHECKs by
 * their expression. A table or column that disappears while another appears with exactly the same
 * definition (and, for a column, at the same position) is reported as renamed, but only when that
 * pairing is the only possible one.
 *
 * <p>Stateless; the result depends only on the two values given.
 */
public final class SchemaDiff {

    private final Schema before;
    private final Schema after;
    /** Tables renamed between the two schemas: old name to new name. */
    private final Map<QualifiedName, QualifiedName> renamed;

    private final List<SchemaChange> changes = new ArrayList<>();

    private SchemaDiff(Schema before, Schema after) {
        this.before = Objects.requireNonNull(before, "before");
        this.after = Objects.requireNonNull(after, "after");
        this.renamed = renamedTables(before, after);
    }

    /** What changed from {@code before} to {@code after}; empty when the schemas are equal. */
    public static List<SchemaChange> between(Schema before, Schema after) {
        return new SchemaDiff(before, after).compute();
    }

    private List<SchemaChange> compute() {
        if (before.equals(after)) {
            return List.of();
        }
        match(
                before.schemas(),
                after.schemas(),
                Function.identity(),
                gone -> add(Change.REMOVED, ObjectKind.SCHEMA, null, gone, null, null, null),
                added -> add(Change.ADDED, ObjectKind.SCHEMA, null, added, null, null, null),
                (old, current) -> {});
        extensions();
        types();
        sequences();
        tables();
        virtualTables();
        indexes();
        views();
        triggers();
        routines();
        policies();
        grants();
        return List.copyOf(changes);
    }

    private void extensions() {
        match(
                before.extensions(),
                after.extensions(),
                Extension::name,
                gone -> add(Change.REMOVED, ObjectKind.EXTENSION, null, gone.name(), null, gone.version(), null),
                added -> add(Change.ADDED, ObjectKind.EXTENSION, null, added.name(), null, null, added.version()),
                (old, current) -> {
                    altered(
                            ObjectKind.EXTENSION,
                            null,
                            current.name(),
                            SchemaChange.ASPECT_VERSION,
                            old.version(),
                            current.version());
                    altered(
                            ObjectKind.EXTENSION,
                            null,
                            current.name(),
                            SchemaChange.ASPECT_SCHEMA,
                            old.schema(),
                            current.schema());
                });
    }

    private void types() {
        match(
                before.types(),
                after.types(),
                UserType::name,
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.TYPE,
                        null,
                        before.display(gone.name()),
                        null,
                        Summaries.type(gone),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.TYPE,
                        null,
                        after.display(added.name()),
                        null,
                        null,
                        Summaries.type(added)),
                (old, current) -> {
                    String name = after.display(current.name());
                    altered(
                            ObjectKind.TYPE,
                            null,
                            name,
                            SchemaChange.ASPECT_DEFINITION,
                            Summaries.type(old),
                            Summaries.type(current));
                    comment(ObjectKind.TYPE, null, name, old.comment(), current.comment());
                });
    }

    private void sequences() {
        match(
                before.sequences(),
                after.sequences(),
                Sequence::name,
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.SEQUENCE,
                        null,
                        before.display(gone.name()),
                        null,
                        Summaries.sequence(gone),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.SEQUENCE,
                        null,
                        after.display(added.name()),
                        null,
                        null,
                        Summaries.sequence(added)),
                (old, current) -> {
                    String name = after.display(current.name());
                    altered(
                            ObjectKind.SEQUENCE,
                            null,
                            name,
                            SchemaChange.ASPECT_DEFINITION,
                            Summaries.sequence(old),
                            Summaries.sequence(current));
                    altered(
                            ObjectKind.SEQUENCE,
                            null,
                            name,
                            "owned by",
                            Summaries.orNone(old.ownedBy()),
                            Summaries.orNone(current.ownedBy()));
                });
    }

    private void tables() {
        Map<QualifiedName, Table> old = byName(before.tables(), Table::name);
        Map<QualifiedName, Table> current = byName(after.tables(), Table::name);
        Map<QualifiedName, QualifiedName> renamedTo = new HashMap<>();
        renamed.forEach((from, to) -> renamedTo.put(to, from));
        TreeSet<QualifiedName> names = new TreeSet<>(old.keySet());
        names.addAll(current.keySet());
        for (QualifiedName name : names) {
            Table was = old.get(name);
            Table is = current.get(name);
            if (was != null && is != null) {
                new TableDiff(before, after, renamed, changes).compare(was, is);
            } else if (is != null && renamedTo.containsKey(name)) {
                Table source = old.get(renamedTo.get(name));
                add(
                        Change.ALTERED,
                        ObjectKind.TABLE,
                        null,
                        after.display(name),
                        SchemaChange.ASPECT_NAME,
                        before.display(source.name()),
                        after.display(name));
                new TableDiff(before, after, renamed, changes).compare(source, is);
            } else if (is != null) {
                add(Change.ADDED, ObjectKind.TABLE, null, after.display(name), null, null, Summaries.table(is));
            } else if (!renamed.containsKey(name)) {
                add(Change.REMOVED, ObjectKind.TABLE, null, before.display(name), null, Summaries.table(was), null);
            }
        }
    }

    private void indexes() {
        match(
                before.indexes(),
                after.indexes(),
                Index::name,
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.INDEX,
                        before.display(gone.table()),
                        before.display(gone.name()),
                        null,
                        Summaries.index(gone, before.display(gone.table())),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.INDEX,
                        after.display(added.table()),
                        after.display(added.name()),
                        null,
                        null,
                        Summaries.index(added, after.display(added.table()))),
                (old, current) -> {
                    String table = after.display(current.table());
                    String name = after.display(current.name());
                    altered(
                            ObjectKind.INDEX,
                            table,
                            name,
                            SchemaChange.ASPECT_DEFINITION,
                            Summaries.index(underNewColumnNames(old), after.display(renamedTable(old.table()))),
                            Summaries.index(current, table));
                    altered(
                            ObjectKind.INDEX,
                            table,
                            name,
                            SchemaChange.ASPECT_VALID,
                            Summaries.yesNo(old.valid()),
                            Summaries.yesNo(current.valid()));
                    comment(ObjectKind.INDEX, table, name, old.comment(), current.comment());
                });
    }

    private void views() {
        match(
                before.views(),
                after.views(),
                View::name,
                gone -> add(Change.REMOVED, ObjectKind.VIEW, null, before.display(gone.name()), null, null, null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.VIEW,
                        null,
                        after.display(added.name()),
                        null,
                        null,
                        added.materialized() ? "materialized" : null),
                (old, current) -> {
                    String name = after.display(current.name());
                    altered(
                            ObjectKind.VIEW,
                            null,
                            name,
                            SchemaChange.ASPECT_MATERIALIZED,
                            Summaries.yesNo(old.materialized()),
                            Summaries.yesNo(current.materialized()));
                    altered(
                            ObjectKind.VIEW,
                            null,
                            name,
                            SchemaChange.ASPECT_COLUMNS,
                            Summaries.columnList(old.columns()),
                            Summaries.columnList(current.columns()));
                    altered(
                            ObjectKind.VIEW,
                            null,
                            name,
                            SchemaChange.ASPECT_DEFINITION,
                            old.definition(),
                            current.definition());
                    comment(ObjectKind.VIEW, null, name, old.comment(), current.comment());
                });
    }

    private void triggers() {
        match(
                before.triggers(),
                after.triggers(),
                Trigger::name,
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.TRIGGER,
                        before.display(gone.table()),
                        before.display(gone.name()),
                        null,
                        "on " + before.display(gone.table()),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.TRIGGER,
                        after.display(added.table()),
                        after.display(added.name()),
                        null,
                        null,
                        "on " + after.display(added.table())),
                (old, current) -> altered(
                        ObjectKind.TRIGGER,
                        after.display(current.table()),
                        after.display(current.name()),
                        SchemaChange.ASPECT_DEFINITION,
                        old.definition(),
                        current.definition()));
    }

    private void routines() {
        match(
                before.routines(),
                after.routines(),
                routine -> routine.name() + "(" + routine.arguments() + ")",
                gone -> add(Change.REMOVED, ObjectKind.ROUTINE, null, signature(before, gone), null, null, null),
                added -> add(Change.ADDED, ObjectKind.ROUTINE, null, signature(after, added), null, null, null),
                (old, current) -> {
                    String name = signature(after, current);
                    altered(
                            ObjectKind.ROUTINE,
                            null,
                            name,
                            SchemaChange.ASPECT_DEFINITION,
                            old.definition(),
                            current.definition());
                    comment(ObjectKind.ROUTINE, null, name, old.comment(), current.comment());
                });
    }

    private void virtualTables() {
        match(
                before.virtualTables(),
                after.virtualTables(),
                VirtualTable::name,
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.VIRTUAL_TABLE,
                        null,
                        before.display(gone.name()),
                        null,
                        "using " + gone.module(),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.VIRTUAL_TABLE,
                        null,
                        after.display(added.name()),
                        null,
                        null,
                        "using " + added.module()),
                (old, current) -> altered(
                        ObjectKind.VIRTUAL_TABLE,
                        null,
                        after.display(current.name()),
                        SchemaChange.ASPECT_DEFINITION,
                        old.definition(),
                        current.definition()));
    }

    private void policies() {
        match(
                before.policies(),
                after.policies(),
                policy -> policy.table() + "\0" + policy.name(),
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.POLICY,
                        before.display(gone.table()),
                        gone.name(),
                        null,
                        Summaries.policy(gone),
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.POLICY,
                        after.display(added.table()),
                        added.name(),
                        null,
                        null,
                        Summaries.policy(added)),
                (old, current) -> altered(
                        ObjectKind.POLICY,
                        after.display(current.table()),
                        current.name(),
                        SchemaChange.ASPECT_DEFINITION,
                        Summaries.policy(old),
                        Summaries.policy(current)));
    }

    private void grants() {
        match(
                before.grants(),
                after.grants(),
                Grant::key,
                gone -> add(
                        Change.REMOVED,
                        ObjectKind.GRANT,
                        before.display(gone.object()),
                        Summaries.grant(gone, before.display(gone.object())),
                        null,
                        null,
                        null),
                added -> add(
                        Change.ADDED,
                        ObjectKind.GRANT,
                        after.display(added.object()),
                        Summaries.grant(added, after.display(added.object())),
                        null,
                        null,
                        null),
                (old, current) -> altered(
                        ObjectKind.GRANT,
                        after.display(current.object()),
                        Summaries.grant(current, after.display(current.object())),
                        SchemaChange.ASPECT_GRANT_OPTION,
                        Summaries.yesNo(old.grantable()),
                        Summaries.yesNo(current.grantable())));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String signature(Schema schema, Routine routine) {
        return schema.display(routine.name()) + "(" + routine.arguments() + ")";
    }

    /** An old index as it reads after the columns of its table were renamed. */
    private Index underNewColumnNames(Index index) {
        Optional<Table> old = before.table(index.table());
        Optional<Table> current = after.table(renamedTable(index.table()));
        if (old.isEmpty() || current.isEmpty()) {
            return index;
        }
        return TableDiff.underNewColumnNames(index, TableDiff.renamedColumns(old.get(), current.get()));
    }

    private QualifiedName renamedTable(QualifiedName table) {
        return renamed.getOrDefault(table, table);
    }

    private void add(Change change, ObjectKind kind, String table, String name, String aspect, String was, String is) {
        changes.add(new SchemaChange(change, kind, table, name, aspect, was, is));
    }

    private void altered(ObjectKind kind, String table, String name, String aspect, String was, String is) {
        if (!Objects.equals(was, is)) {
            add(Change.ALTERED, kind, table, name, aspect, was, is);
        }
    }

    private void comment(ObjectKind kind, String table, String name, String was, String is) {
        altered(kind, table, name, SchemaChange.ASPECT_COMMENT, Summaries.orNone(was), Summaries.orNone(is));
    }

    /**
     * Calls {@code removed}, {@code added} or {@code both} (only when they differ) for every key of
     * either list, in key order.
     */
    static <T, K extends Comparable<? super K>> void match(
            List<T> old,
            List<T> current,
            Function<T, K> key,
            Consumer<T> removed,
            Consumer<T> added,
            java.util.function.BiConsumer<T, T> both) {
        Map<K, T> was = byName(old, key);
        Map<K, T> is = byName(current, key);
        TreeSet<K> keys = new TreeSet<>(was.keySet());
        keys.addAll(is.keySet());
        for (K k : keys) {
            T a = was.get(k);
            T b = is.get(k);
            if (b == null) {
                removed.accept(a);
            } else if (a == null) {
                added.accept(b);
            } else if (!a.equals(b)) {
                both.accept(a, b);
            }
        }
    }

    private static <T, K extends Comparable<? super K>> Map<K, T> byName(List<T> items, Function<T, K> key) {
        Map<K, T> map = new TreeMap<>();
        for (T item : items) {
            map.putIfAbsent(key.apply(item), item);
        }
        return map;
    }

    /** Pairs a vanished table with an appeared one when they have identical columns and no other pair fits. */
    private static Map<QualifiedName, QualifiedName> renamedTables(Schema before, Schema after) {
        List<Table> gone = before.tables().stream()
                .filter(t -> after.table(t.name()).isEmpty())
                .toList();
        List<Table> appeared = after.tables().stream()
                .filter(t -> before.table(t.name()).isEmpty())
                .toList();
        Map<QualifiedName, QualifiedName> pairs = new HashMap<>();
        for (Table old : gone) {
            Optional<Table> only = onlyOne(appeared, t -> t.columns().equals(old.columns()));
            only.filter(candidate -> onlyOne(gone, t -> t.columns().equals(candidate.columns()))
                            .isPresent())
                    .ifPresent(candidate -> pairs.put(old.name(), candidate.name()));
        }
        return pairs;
    }

    static <T> Optional<T> onlyOne(List<T> items, java.util.function.Predicate<T> test) {
        List<T> found = items.stream().filter(test).limit(2).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
