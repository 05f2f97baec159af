package dev.strata.refactor;

import dev.strata.config.ConfigurationException;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code strata alter --online} changes: one column of a table in use gets a new type or a new
 * name through an expand/contract pair instead of one rewrite under an exclusive lock. Engine-neutral;
 * the dialect's {@link AlterWriter#writeOnline} writes the SQL.
 *
 * <p>The expand adds {@code newColumn} beside {@code oldColumn} and keeps the two in step for old and
 * new application code; a backfill fills it for the rows there; the contract drops the old column once
 * every application uses the new one (and, with {@code keepName}, gives the new column the old name).
 *
 * @param schema      the schema before the change
 * @param table       the table
 * @param oldColumn   the column as it is
 * @param newColumn   the new column's name: the rename's target, or {@code OLD_new} for a type change alone
 * @param newType     the new column's type (the old one for a rename alone)
 * @param keepName    the contract renames {@code newColumn} to the old name
 * @param keyColumns  the table's primary key, which the batched backfill walks
 */
public record OnlineChange(
        Schema schema,
        Table table,
        Column oldColumn,
        String newColumn,
        String newType,
        boolean keepName,
        List<String> keyColumns) {

    public OnlineChange {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(oldColumn, "oldColumn");
        Objects.requireNonNull(newColumn, "newColumn");
        Objects.requireNonNull(newType, "newType");
        keyColumns = List.copyOf(keyColumns);
    }

    /** True when the type changes (else only the name does). */
    public boolean retyped() {
        return !newType.equalsIgnoreCase(oldColumn.type());
    }

    /** The column's name when the contract is done. */
    public String finalName() {
        return keepName ? oldColumn.name() : newColumn;
    }

    /** The table's name as people read it. */
    public String tableName() {
        return schema.display(table.name());
    }

    /**
     * Works out the change from a request already checked by {@link AlterPlanner} (names exist), or
     * refuses what an expand/contract pair can't carry over safely.
     */
    static OnlineChange plan(Alteration whole, AlterRequest request) {
        String command = "strata alter " + request.table() + " --online";
        if (whole.target() != AlterTarget.POSTGRES) {
            throw refusedOn(whole.target());
        }
        String old = null;
        Optional<AlterOperation.ChangeType> type = Optional.empty();
        Optional<AlterOperation.RenameColumn> rename = Optional.empty();
        for (AlterOperation operation : request.operations()) {
            String column;
            if (operation instanceof AlterOperation.ChangeType change) {
                type = Optional.of(change);
                column = change.column();
            } else if (operation instanceof AlterOperation.RenameColumn renaming) {
                rename = Optional.of(renaming);
                column = renaming.from();
            } else {
                throw new ConfigurationException(command + ": " + operation.describe() + " has no online form;"
                        + " --online changes one column's type (--type) or name (--rename-column). Make the other"
                        + " changes with a strata alter of their own.");
            }
            if (old != null && !old.equals(column)) {
                throw new ConfigurationException(command + ": one column at a time (" + old + " and " + column
                        + "); give each column its own strata alter --online.");
            }
            old = column;
        }
        if (type.flatMap(AlterOperation.ChangeType::using).isPresent()) {
            throw new ConfigurationException(command + ": --using can't go with --online. While both columns"
                    + " live, what new code writes is cast back into the old column for old code, which is right"
                    + " only when the new value is the old one in another type; an expression that changes the"
                    + " value (cents to euros, say) would have to be undone too. Add the new column with a"
                    + " migration of your own, or alter without --online.");
        }
        if (request.keepName() && type.isEmpty()) {
            throw new ConfigurationException(command + " --keep-name: the name is kept only for a type change"
                    + " (--type); a rename gives the column its new name.");
        }
        if (request.keepName() && rename.isPresent()) {
            throw new ConfigurationException(
                    command + " --keep-name: --rename-column gives the column a new name;" + " drop one of the two.");
        }
        Table table = whole.before();
        Column column = table.column(old).orElseThrow();
        String newColumn = rename.map(AlterOperation.RenameColumn::to).orElse(old + "_new");
        if (table.column(newColumn).isPresent()) {
            throw new ConfigurationException(command + ": " + whole.tableName() + " already has a column " + newColumn
                    + (rename.isEmpty() ? ", the name the new column would get; drop or rename it first." : "."));
        }
        List<String> problems = obstacles(whole.schema(), table, column);
        if (!problems.isEmpty()) {
            throw new AlterRefusedException(command + ": " + whole.tableName() + "." + old + " "
                    + String.join("; ", problems) + ". The expand/contract pair would have to rebuild "
                    + (problems.size() == 1 ? "that" : "those") + " on the new column, which strata does not write"
                    + " yet: change them in a migration of their own first, or alter the column without --online.");
        }
        return new OnlineChange(
                whole.schema(),
                table,
                column,
                newColumn,
                type.map(AlterOperation.ChangeType::type).orElse(column.type()),
                request.keepName(),
                table.primaryKey() == null ? List.of() : table.primaryKey().columns());
    }

    /**
     * Refuses {@code --online} before any work on an engine without concurrent writers.
     *
     * @throws AlterRefusedException for SQLite and D1
     */
    public static void requireSupported(AlterRequest request, AlterTarget target) {
        if (request.online() && target != AlterTarget.POSTGRES) {
            throw refusedOn(target);
        }
    }

    /** The refusal of {@code --online} on an engine without concurrent writers. */
    static AlterRefusedException refusedOn(AlterTarget target) {
        String engine = target == AlterTarget.D1 ? "Cloudflare D1" : "SQLite";
        return new AlterRefusedException("strata alter --online writes an expand/contract pair for PostgreSQL,"
                + " whose applications keep writing while a table changes. " + engine + " lets one writer in at a"
                + " time, so there is no concurrent write to keep in step: run the same strata alter without"
                + " --online, which rebuilds the table in one migration.");
    }

    /** What uses the column in a way the pair would lose when it drops the old column. */
    private static List<String> obstacles(Schema schema, Table table, Column column) {
        String name = column.name();
        Pattern mention = Pattern.compile("(?i)(?<![A-Za-z0-9_$])\"?" + Pattern.quote(name) + "\"?(?![A-Za-z0-9_$])");
        List<String> found = new ArrayList<>();
        if (table.primaryKey() == null) {
            found.add("is in a table without a primary key, which the batched backfill walks");
        } else if (table.primaryKey().columns().contains(name)) {
            found.add("is part of the primary key");
        }
        if (column.generated() != null) {
            found.add("is a generated column");
        }
        if (column.identity() != null) {
            found.add("is an identity column");
        }
        for (ForeignKey key : table.foreignKeys()) {
            if (key.columns().contains(name)) {
                found.add("is in the foreign key to " + schema.display(key.target()));
            }
        }
        for (Schema.Reference reference : schema.referencesTo(table.name())) {
            if (reference.key().targetColumns().contains(name)) {
                found.add("is referenced by a foreign key of "
                        + schema.display(reference.table().name()));
            }
        }
        table.uniques().stream()
                .filter(u -> u.columns().contains(name))
                .forEach(u -> found.add("is in a UNIQUE constraint"));
        table.checks().stream()
                .filter(c -> mention.matcher(c.expression()).find())
                .forEach(c -> found.add("is read by the CHECK " + (c.name() == null ? c.expression() : c.name())));
        for (Index index : schema.indexesOn(table.name())) {
            boolean uses = index.keys().stream()
                            .anyMatch(k -> name.equals(k.column())
                                    || (k.expression() != null
                                            && mention.matcher(k.expression()).find()))
                    || (index.where() != null && mention.matcher(index.where()).find())
                    || index.include().contains(name);
            if (uses) {
                found.add("is in the index " + index.name().name());
            }
        }
        for (View view : schema.views()) {
            if (mention.matcher(view.definition()).find()
                    && view.definition()
                            .toLowerCase(Locale.ROOT)
                            .contains(table.name().name().toLowerCase(Locale.ROOT))) {
                found.add("is read by the view " + schema.display(view.name()));
            }
        }
        return found;
    }
}
