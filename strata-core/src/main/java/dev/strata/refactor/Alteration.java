package dev.strata.refactor;

import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code strata alter} will do to one table, worked out against the schema the existing
 * migrations produce, before any SQL is written. Engine-neutral: an {@link AlterWriter} turns it into
 * the engine's statements and checks.
 *
 * <p>Columns of {@code after} carry their new names; {@link #oldNameOf} says where each one's values
 * come from in the old table.
 *
 * @param schema            the whole schema before the change
 * @param before            the table before
 * @param after             the table after: columns renamed, dropped, retyped, constraints changed,
 *                          {@code deleted_at} added for soft delete
 * @param target            the engine the migration is written for
 * @param operations        the request's operations, in order
 * @param renames           old column name to new
 * @param dropped           old names of the columns removed
 * @param conversions       the type changes
 * @param foreignKeyChanges foreign keys of the table whose actions change
 * @param addedChecks       CHECK constraints added
 * @param droppedChecks     names of the CHECK constraints removed
 * @param addedUniques      column lists (new names) that become unique
 * @param newlyNotNull      columns (new names) that become NOT NULL
 * @param newlyNullable     columns (new names) that stop being NOT NULL
 * @param softDelete        the soft-delete objects to create, when asked for
 * @param tolerance         how far a converted number may move and still count as equal
 */
public record Alteration(
        Schema schema,
        Table before,
        Table after,
        AlterTarget target,
        List<AlterOperation> operations,
        Map<String, String> renames,
        List<String> dropped,
        List<Conversion> conversions,
        List<ForeignKeyChange> foreignKeyChanges,
        List<CheckConstraint> addedChecks,
        List<String> droppedChecks,
        List<List<String>> addedUniques,
        List<String> newlyNotNull,
        List<String> newlyNullable,
        Optional<SoftDelete> softDelete,
        double tolerance) {

    public Alteration {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(target, "target");
        operations = List.copyOf(operations);
        renames = Map.copyOf(renames);
        dropped = List.copyOf(dropped);
        conversions = List.copyOf(conversions);
        foreignKeyChanges = List.copyOf(foreignKeyChanges);
        addedChecks = List.copyOf(addedChecks);
        droppedChecks = List.copyOf(droppedChecks);
        addedUniques = addedUniques.stream().map(List::copyOf).toList();
        newlyNotNull = List.copyOf(newlyNotNull);
        newlyNullable = List.copyOf(newlyNullable);
        Objects.requireNonNull(softDelete, "softDelete");
    }

    /**
     * A column's type changes.
     *
     * @param column    the column's new name
     * @param oldColumn its name before
     * @param fromType  the declared type before (empty for an untyped SQLite column)
     * @param toType    the declared type after
     * @param using     the expression, over the old row, that computes the new value; empty means the
     *                  old value converted by the engine's own rules
     */
    public record Conversion(String column, String oldColumn, String fromType, String toType, Optional<String> using) {}

    /** A foreign key of the table, before and after its action changes. */
    public record ForeignKeyChange(ForeignKey before, ForeignKey after) {}

    /**
     * The objects of {@code --soft-delete}.
     *
     * @param column  {@code deleted_at}
     * @param index   the partial index for live-row lookups
     * @param view    {@code TABLE_live}
     * @param trigger the trigger that refuses a hard DELETE
     */
    public record SoftDelete(String column, String index, String view, String trigger) {}

    /** The old table's column that {@code newName} of {@code after} comes from; empty for a new column. */
    public Optional<String> oldNameOf(String newName) {
        String old = renames.entrySet().stream()
                .filter(e -> e.getValue().equals(newName))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(newName);
        return renames.containsKey(newName) && !renames.get(newName).equals(newName) && old.equals(newName)
                ? Optional.empty()
                : before.column(old).map(Column::name);
    }

    /** The type change of {@code newName}, if it has one. */
    public Optional<Conversion> conversionOf(String newName) {
        return conversions.stream().filter(c -> c.column().equals(newName)).findFirst();
    }

    /** A column's name after the alteration. */
    public String newName(String oldColumn) {
        return renames.getOrDefault(oldColumn, oldColumn);
    }

    /** True when the only thing to do is rename columns. */
    public boolean onlyRenames() {
        return operations.stream().allMatch(op -> op instanceof AlterOperation.RenameColumn);
    }

    /** The schema with the table replaced by {@code after}: what the change gives, as far as the table goes. */
    public Schema withTableAfter() {
        List<Table> tables = schema.tables().stream()
                .map(t -> t.name().equals(after.name()) ? after : t)
                .toList();
        return schema.withTables(tables);
    }

    /** The table's name as people read it. */
    public String tableName() {
        return schema.display(before.name());
    }
}
