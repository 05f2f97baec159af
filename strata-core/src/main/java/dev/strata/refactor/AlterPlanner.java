package dev.strata.refactor;

import dev.strata.config.ConfigurationException;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.UniqueConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out an {@link Alteration} from a request and the schema: checks that every column and
 * constraint named exists, and computes the table's shape afterwards. Names that do not exist are
 * usage errors ({@link ConfigurationException}); changes that can't be made safely are refused
 * ({@link AlterRefusedException}).
 */
public final class AlterPlanner {

    static final String DELETED_AT = "deleted_at";

    private AlterPlanner() {}

    public static Alteration plan(Schema schema, AlterRequest request, AlterTarget target) {
        Table before = schema.table(request.table())
                .orElseThrow(() -> new ConfigurationException("strata alter: there"
                        + " is no table " + request.table() + " in the schema the migrations produce; tables: "
                        + schema.tables().stream()
                                .map(t -> schema.display(t.name()))
                                .collect(Collectors.joining(", "))));
        return new Planning(schema, before, request, target).plan();
    }

    /** The mutable state of one planning; the result is immutable. */
    private static final class Planning {
        private final Schema schema;
        private final Table before;
        private final AlterRequest request;
        private final AlterTarget target;
        private final String table;

        private final Map<String, String> renames = new LinkedHashMap<>();
        private final List<String> dropped = new ArrayList<>();
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final List<Alteration.Conversion> conversions = new ArrayList<>();
        private final List<ForeignKey> foreignKeys;
        private final List<Alteration.ForeignKeyChange> keyChanges = new ArrayList<>();
        private final List<CheckConstraint> checks;
        private final List<CheckConstraint> addedChecks = new ArrayList<>();
        private final List<String> droppedChecks = new ArrayList<>();
        private final List<UniqueConstraint> uniques;
        private final List<List<String>> addedUniques = new ArrayList<>();
        private final List<String> notNull = new ArrayList<>();
        private final List<String> nullable = new ArrayList<>();
        private Optional<Alteration.SoftDelete> softDelete = Optional.empty();

        Planning(Schema schema, Table before, AlterRequest request, AlterTarget target) {
            this.schema = schema;
            this.before = before;
            this.request = request;
            this.target = target;
            this.table = schema.display(before.name());
            before.columns().forEach(column -> columns.put(column.name(), column));
            this.foreignKeys = new ArrayList<>(before.foreignKeys());
            this.checks = new ArrayList<>(before.checks());
            this.uniques = new ArrayList<>(before.uniques());
        }

        Alteration plan() {
            for (AlterOperation operation : request.operations()) {
                apply(operation);
            }
            Table after = new Table(
                    before.name(),
                    List.copyOf(columns.values()),
                    primaryKeyAfter(),
                    foreignKeys,
                    checks,
                    uniques,
                    before.strict(),
                    before.withoutRowid(),
                    before.comment(),
                    before.partitioning(),
                    before.settings());
            return new Alteration(
                    schema,
                    before,
                    after,
                    target,
                    request.operations(),
                    renames,
                    dropped,
                    conversions,
                    keyChanges,
                    addedChecks,
                    droppedChecks,
                    addedUniques,
                    notNull,
                    nullable,
                    softDelete,
                    request.tolerance());
        }

        private void apply(AlterOperation operation) {
            if (operation instanceof AlterOperation.ChangeType type) {
                changeType(type);
            } else if (operation instanceof AlterOperation.ForeignKeyAction action) {
                changeAction(action);
            } else if (operation instanceof AlterOperation.SetNotNull set) {
                setNullability(set.column(), true, operation);
            } else if (operation instanceof AlterOperation.DropNotNull drop) {
                setNullability(drop.column(), false, operation);
            } else if (operation instanceof AlterOperation.AddCheck add) {
                addCheck(add);
            } else if (operation instanceof AlterOperation.DropCheck drop) {
                dropCheck(drop);
            } else if (operation instanceof AlterOperation.AddUnique add) {
                addUnique(add);
            } else if (operation instanceof AlterOperation.DropColumn drop) {
                dropColumn(drop);
            } else if (operation instanceof AlterOperation.RenameColumn rename) {
                renameColumn(rename);
            } else if (operation instanceof AlterOperation.SoftDelete) {
                softDelete();
            }
        }

        /** The column as it stands now, looked up by its old name. */
        private Column column(String oldName, AlterOperation operation) {
            if (dropped.contains(oldName)) {
                throw new ConfigurationException(operation.describe() + ": column " + oldName + " of " + table
                        + " is dropped by --drop-column in the same command");
            }
            Optional<Column> found = before.column(oldName);
            if (found.isEmpty()) {
                throw new ConfigurationException(operation.describe() + ": " + table + " has no column " + oldName
                        + "; its columns: "
                        + before.columns().stream().map(Column::name).collect(Collectors.joining(", ")));
            }
            return columns.get(newName(oldName));
        }

        private String newName(String oldName) {
            return renames.getOrDefault(oldName, oldName);
        }

        private void replace(String oldName, Column column) {
            String key = newName(oldName);
            Map<String, Column> rebuilt = new LinkedHashMap<>();
            columns.forEach((name, existing) ->
                    rebuilt.put(name.equals(key) ? column.name() : name, name.equals(key) ? column : existing));
            columns.clear();
            columns.putAll(rebuilt);
        }

        private void changeType(AlterOperation.ChangeType type) {
            Column column = column(type.column(), type);
            if (column.generated() != null) {
                throw new AlterRefusedException(type.describe() + ": " + table + "." + column.name() + " is a generated"
                        + " column; change its expression instead.");
            }
            if (conversions.stream().anyMatch(c -> c.oldColumn().equals(type.column()))) {
                throw new ConfigurationException(type.describe() + ": the type of " + type.column() + " is already"
                        + " changed by this command; give one --type per column");
            }
            replace(type.column(), withType(column, type.type()));
            conversions.add(
                    new Alteration.Conversion(column.name(), type.column(), column.type(), type.type(), type.using()));
        }

        private void changeAction(AlterOperation.ForeignKeyAction action) {
            column(action.column(), action);
            String name = newName(action.column());
            List<ForeignKey> matching = foreignKeys.stream()
                    .filter(key -> key.columns().contains(name))
                    .toList();
            if (matching.isEmpty()) {
                throw new ConfigurationException(action.describe() + ": " + table + "." + action.column() + " is in no"
                        + " foreign key" + describeKeys());
            }
            if (matching.size() > 1) {
                throw new ConfigurationException(action.describe() + ": " + table + "." + action.column() + " is in "
                        + matching.size() + " foreign keys; strata can't tell which one to change");
            }
            ForeignKey key = matching.get(0);
            ForeignKey changed = action.event() == AlterOperation.Event.DELETE
                    ? new ForeignKey(
                            key.name(),
                            key.columns(),
                            key.target(),
                            key.targetColumns(),
                            action.action(),
                            key.onUpdate(),
                            key.deferrable(),
                            key.initiallyDeferred(),
                            key.valid())
                    : new ForeignKey(
                            key.name(),
                            key.columns(),
                            key.target(),
                            key.targetColumns(),
                            key.onDelete(),
                            action.action(),
                            key.deferrable(),
                            key.initiallyDeferred(),
                            key.valid());
            foreignKeys.set(foreignKeys.indexOf(key), changed);
            ForeignKey original = keyChanges.stream()
                    .filter(c -> c.after().equals(key))
                    .findFirst()
                    .map(Alteration.ForeignKeyChange::before)
                    .orElse(key);
            keyChanges.removeIf(c -> c.after().equals(key));
            keyChanges.add(new Alteration.ForeignKeyChange(original, changed));
        }

        private String describeKeys() {
            return before.foreignKeys().isEmpty()
                    ? "; the table has no foreign keys"
                    : "; its foreign keys are on "
                            + before.foreignKeys().stream()
                                    .map(key -> String.join(",", key.columns()) + " -> " + schema.display(key.target()))
                                    .collect(Collectors.joining(", "));
        }

        private void setNullability(String oldName, boolean notNullWanted, AlterOperation operation) {
            Column column = column(oldName, operation);
            boolean inKey =
                    before.primaryKey() != null && before.primaryKey().columns().contains(oldName);
            if (!notNullWanted && inKey) {
                throw new AlterRefusedException(operation.describe() + ": " + table + "." + oldName + " is part of the"
                        + " primary key, which can't hold NULL.");
            }
            if (column.notNull() == notNullWanted) {
                throw new ConfigurationException(operation.describe() + ": " + table + "." + oldName + " is already "
                        + (notNullWanted ? "NOT NULL" : "nullable"));
            }
            replace(
                    oldName,
                    new Column(
                            column.name(),
                            column.type(),
                            notNullWanted,
                            column.defaultValue(),
                            column.collation(),
                            column.generated(),
                            column.identity(),
                            column.comment()));
            (notNullWanted ? notNull : nullable).add(column.name());
        }

        private void addCheck(AlterOperation.AddCheck add) {
            if (checks.stream().anyMatch(check -> add.name().equalsIgnoreCase(check.name()))) {
                throw new ConfigurationException(
                        add.describe() + ": " + table + " already has a CHECK named " + add.name());
            }
            CheckConstraint check = new CheckConstraint(add.name(), add.expression(), true);
            checks.add(check);
            addedChecks.add(check);
        }

        private void dropCheck(AlterOperation.DropCheck drop) {
            Optional<CheckConstraint> check = checks.stream()
                    .filter(c -> drop.name().equalsIgnoreCase(c.name()))
                    .findFirst();
            if (check.isEmpty()) {
                List<String> named = before.checks().stream()
                        .map(CheckConstraint::name)
                        .filter(n -> n != null)
                        .toList();
                throw new ConfigurationException(drop.describe() + ": " + table + " has no CHECK named " + drop.name()
                        + (named.isEmpty()
                                ? "; it has no named CHECK constraints (name one with CONSTRAINT name CHECK"
                                        + " (...) to let strata find it)"
                                : "; its named CHECK constraints: " + String.join(", ", named)));
            }
            checks.remove(check.get());
            droppedChecks.add(check.get().name());
        }

        private void addUnique(AlterOperation.AddUnique add) {
            List<String> names =
                    add.columns().stream().map(c -> column(c, add).name()).toList();
            boolean exists = uniques.stream().anyMatch(u -> u.columns().equals(names))
                    || (before.primaryKey() != null
                            && before.primaryKey().columns().equals(names))
                    || schema.indexesOn(before.name()).stream()
                            .anyMatch(index -> index.unique()
                                    && index.where() == null
                                    && index.keys().stream()
                                            .map(k -> k.column())
                                            .toList()
                                            .equals(names));
            if (exists) {
                throw new ConfigurationException(
                        add.describe() + ": " + table + " (" + String.join(", ", names) + ") is unique already");
            }
            addedUniques.add(names);
        }

        private void dropColumn(AlterOperation.DropColumn drop) {
            Column column = column(drop.column(), drop);
            PrimaryKey key = before.primaryKey();
            if (key != null && key.columns().contains(drop.column())) {
                throw new AlterRefusedException(drop.describe() + ": " + table + "." + drop.column() + " is part of the"
                        + " primary key; dropping it would change what identifies a row.");
            }
            if (columns.size() == 1) {
                throw new AlterRefusedException(drop.describe() + ": " + column.name() + " is the only column of "
                        + table + "; drop the table instead.");
            }
            String name = column.name();
            for (ForeignKey foreignKey : List.copyOf(foreignKeys)) {
                if (foreignKey.columns().contains(name)) {
                    refuseUnlessAlone(
                            drop, foreignKey.columns(), "the foreign key to " + schema.display(foreignKey.target()));
                    foreignKeys.remove(foreignKey);
                }
            }
            for (UniqueConstraint unique : List.copyOf(uniques)) {
                if (unique.columns().contains(name)) {
                    refuseUnlessAlone(drop, unique.columns(), "a UNIQUE constraint");
                    uniques.remove(unique);
                }
            }
            for (Table other : schema.tables()) {
                for (ForeignKey incoming : other.foreignKeys()) {
                    if (incoming.target().equals(before.name())
                            && incoming.targetColumns().contains(drop.column())) {
                        throw new AlterRefusedException(drop.describe() + ": " + schema.display(other.name())
                                + " has a foreign key that points at " + table + "." + drop.column() + "; change or"
                                + " drop that foreign key first.");
                    }
                }
            }
            columns.remove(name);
            dropped.add(drop.column());
        }

        private void refuseUnlessAlone(AlterOperation operation, List<String> constraintColumns, String what) {
            if (constraintColumns.size() > 1) {
                throw new AlterRefusedException(operation.describe() + ": the column is part of " + what + " over ("
                        + String.join(", ", constraintColumns) + "); dropping the column would change that constraint."
                        + " Drop or change the constraint in a migration of its own first.");
            }
        }

        private void renameColumn(AlterOperation.RenameColumn rename) {
            Column column = column(rename.from(), rename);
            if (renames.containsKey(rename.from())) {
                throw new ConfigurationException(rename.describe() + ": " + rename.from() + " is renamed twice");
            }
            boolean taken = columns.keySet().stream().anyMatch(name -> name.equalsIgnoreCase(rename.to()));
            if (taken) {
                throw new ConfigurationException(
                        rename.describe() + ": " + table + " already has a column " + rename.to());
            }
            Column renamed = new Column(
                    rename.to(),
                    column.type(),
                    column.notNull(),
                    column.defaultValue(),
                    column.collation(),
                    column.generated(),
                    column.identity(),
                    column.comment());
            replace(rename.from(), renamed);
            renames.put(rename.from(), rename.to());
            replaceInConstraints(column.name(), rename.to());
        }

        /** Column lists of keys and constraints follow a rename; expressions are left to the engine's own rename. */
        private void replaceInConstraints(String from, String to) {
            java.util.function.UnaryOperator<List<String>> swap =
                    names -> names.stream().map(n -> n.equals(from) ? to : n).toList();
            foreignKeys.replaceAll(k -> new ForeignKey(
                    k.name(),
                    swap.apply(k.columns()),
                    k.target(),
                    k.target().equals(before.name()) ? swap.apply(k.targetColumns()) : k.targetColumns(),
                    k.onDelete(),
                    k.onUpdate(),
                    k.deferrable(),
                    k.initiallyDeferred(),
                    k.valid()));
            uniques.replaceAll(u -> new UniqueConstraint(u.name(), swap.apply(u.columns())));
        }

        private void softDelete() {
            if (softDelete.isPresent()) {
                throw new ConfigurationException("--soft-delete is given twice");
            }
            if (columns.keySet().stream().anyMatch(name -> name.equalsIgnoreCase(DELETED_AT))) {
                throw new ConfigurationException("--soft-delete: " + table + " already has a column " + DELETED_AT
                        + "; soft delete may be in place already");
            }
            String base = before.name().name();
            Alteration.SoftDelete objects =
                    new Alteration.SoftDelete(DELETED_AT, base + "_live_idx", base + "_live", base + "_no_hard_delete");
            Set<String> taken = new java.util.HashSet<>();
            schema.indexes().forEach(i -> taken.add(key(i.name())));
            schema.views().forEach(v -> taken.add(key(v.name())));
            schema.tables().forEach(t -> taken.add(key(t.name())));
            schema.triggers().forEach(t -> taken.add(key(t.name())));
            for (String name : List.of(objects.index(), objects.view(), objects.trigger())) {
                if (taken.contains(key(new QualifiedName(before.name().schema(), name)))) {
                    throw new ConfigurationException("--soft-delete: the schema already has an object named " + name
                            + "; soft delete may be in place already");
                }
            }
            Column column = Column.of(
                    DELETED_AT, target == AlterTarget.POSTGRES ? "timestamp with time zone" : "TEXT", false, null);
            columns.put(DELETED_AT, column);
            softDelete = Optional.of(objects);
        }

        private static String key(QualifiedName name) {
            return name.schema() + "." + name.name().toLowerCase(Locale.ROOT);
        }

        private PrimaryKey primaryKeyAfter() {
            PrimaryKey key = before.primaryKey();
            if (key == null) {
                return null;
            }
            return new PrimaryKey(
                    key.name(), key.columns().stream().map(this::newName).toList(), key.autoincrement());
        }

        private Column withType(Column column, String type) {
            return new Column(
                    column.name(),
                    type,
                    column.notNull(),
                    column.defaultValue(),
                    column.collation(),
                    column.generated(),
                    column.identity(),
                    column.comment());
        }
    }
}
