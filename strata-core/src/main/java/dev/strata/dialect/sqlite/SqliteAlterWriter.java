package dev.strata.dialect.sqlite;

import dev.strata.refactor.AlterRefusedException;
import dev.strata.refactor.AlterScript;
import dev.strata.refactor.AlterTarget;
import dev.strata.refactor.Alteration;
import dev.strata.schema.Column;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code strata alter} migrations for SQLite and Cloudflare D1.
 *
 * <p>SQLite's ALTER TABLE only renames tables and columns, adds columns and drops some columns; those
 * are used when they suffice (RENAME COLUMN also rewrites the indexes, triggers and views that name the
 * column). Everything else rebuilds the table with {@link SqliteRebuild}, following SQLite's own
 * procedure. A unique constraint is added as a unique index, which SQLite enforces the same way and
 * creates without a rebuild.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteAlterWriter implements dev.strata.refactor.AlterWriter {

    static final SqliteAlterWriter INSTANCE = new SqliteAlterWriter();

    private static final SqliteSchemaWriter SQL = SqliteSchemaWriter.INSTANCE;

    private SqliteAlterWriter() {}

    @Override
    public AlterScript write(Alteration alteration, String tag) {
        Table table = alteration.before();
        String name = SQL.quote(table.name().name());
        List<String> statements = new ArrayList<>();
        List<String> explanation = new ArrayList<>();
        List<String> directives = new ArrayList<>();
        List<String> verifications = new ArrayList<>();
        List<String> notices = new ArrayList<>();

        refuseBrokenDependents(alteration);
        for (Map.Entry<String, String> rename : alteration.renames().entrySet()) {
            statements.add("ALTER TABLE " + name + " RENAME COLUMN " + SQL.quote(rename.getKey()) + " TO "
                    + SQL.quote(rename.getValue()));
        }
        if (!alteration.renames().isEmpty()) {
            explanation.add(
                    "SQLite renames the column itself and rewrites every index, trigger and view that names" + " it.");
        }
        if (needsRebuild(alteration)) {
            SqliteRebuild rebuild = new SqliteRebuild(alteration, tag);
            explanation.addAll(rebuild.explanation());
            if (alteration.target() == AlterTarget.SQLITE) {
                directives.add("foreign-keys off");
            }
            directives.addAll(rebuild.requirements());
            statements.addAll(rebuild.statements());
            verifications.addAll(rebuild.verifications());
            notices.addAll(rebuild.notices());
        } else {
            for (String column : alteration.dropped()) {
                statements.add("-- strata:allow drop-column asked for with strata alter --drop-column\n"
                        + "ALTER TABLE " + name + " DROP COLUMN " + SQL.quote(column));
            }
            alteration
                    .softDelete()
                    .ifPresent(soft -> statements.add(
                            "ALTER TABLE " + name + " ADD COLUMN " + SQL.quote(soft.column()) + " TEXT"));
        }
        for (List<String> columns : alteration.addedUniques()) {
            String index = table.name().name() + "_" + String.join("_", columns) + "_key";
            statements.add("-- A unique index: SQLite enforces it as it would a UNIQUE constraint, without a rebuild.\n"
                    + ifNotExists(SQL.createIndex(new Index(
                            new QualifiedName(table.name().schema(), index),
                            table.name(),
                            true,
                            columns.stream().map(IndexKey::column).toList(),
                            null,
                            null,
                            true,
                            null))));
        }
        alteration.softDelete().ifPresent(soft -> {
            statements.addAll(softDelete(alteration, soft));
            explanation.add("Soft delete: " + soft.column() + " holds when a row was deleted (ISO-8601 text, as"
                    + " CURRENT_TIMESTAMP writes it); " + soft.view() + " shows the rows not deleted, and "
                    + soft.trigger() + " refuses DELETE.");
        });
        return new AlterScript(explanation, directives, statements, verifications, List.of(), notices);
    }

    private static boolean needsRebuild(Alteration alteration) {
        return !alteration.conversions().isEmpty()
                || !alteration.foreignKeyChanges().isEmpty()
                || !alteration.newlyNotNull().isEmpty()
                || !alteration.newlyNullable().isEmpty()
                || !alteration.addedChecks().isEmpty()
                || !alteration.droppedChecks().isEmpty()
                || alteration.dropped().stream().anyMatch(column -> !canDropNatively(alteration, column));
    }

    /**
     * SQLite's DROP COLUMN refuses a column that is part of a key, a UNIQUE or foreign-key constraint,
     * a CHECK or a generated column. (Indexes, triggers and views that name it are refused before.)
     */
    private static boolean canDropNatively(Alteration alteration, String column) {
        Table before = alteration.before();
        Set<String> name = Set.of(column);
        return before.uniques().stream().noneMatch(u -> u.columns().contains(column))
                && before.foreignKeys().stream().noneMatch(k -> k.columns().contains(column))
                && before.checks().stream().noneMatch(c -> SqliteDependents.mentions(c.expression(), name))
                && before.columns().stream()
                        .noneMatch(c -> c.generated() != null
                                && SqliteDependents.mentions(c.generated().expression(), name));
    }

    /** A dropped column still named by an index, trigger, view or kept CHECK would break them: refuse. */
    private static void refuseBrokenDependents(Alteration alteration) {
        Table before = alteration.before();
        for (String column : alteration.dropped()) {
            Set<String> name = Set.of(column);
            List<String> users = new ArrayList<>();
            for (Index index : alteration.schema().indexesOn(before.name())) {
                boolean uses = index.keys().stream()
                                .anyMatch(k -> column.equals(k.column())
                                        || (k.expression() != null && SqliteDependents.mentions(k.expression(), name)))
                        || (index.where() != null && SqliteDependents.mentions(index.where(), name));
                if (uses) {
                    users.add("index " + index.name().name());
                }
            }
            for (Trigger trigger : alteration.schema().triggers()) {
                boolean onOrAbout = trigger.table().equals(before.name())
                        || SqliteDependents.mentions(
                                trigger.definition(), Set.of(before.name().name()));
                if (onOrAbout && SqliteDependents.mentions(trigger.definition(), name)) {
                    users.add("trigger " + trigger.name().name());
                }
            }
            for (View view : alteration.schema().views()) {
                if (SqliteDependents.mentions(
                                view.definition(), Set.of(before.name().name()))
                        && SqliteDependents.mentions(view.definition(), name)) {
                    users.add("view " + view.name().name());
                }
            }
            alteration.after().checks().stream()
                    .filter(c -> SqliteDependents.mentions(c.expression(), name))
                    .forEach(c -> users.add("CHECK " + (c.name() == null ? "(" + c.expression() + ")" : c.name())));
            alteration.after().columns().stream()
                    .filter(c -> c.generated() != null
                            && SqliteDependents.mentions(c.generated().expression(), name))
                    .forEach(c -> users.add("generated column " + c.name()));
            if (!users.isEmpty()) {
                throw new AlterRefusedException("--drop-column " + column + ": " + String.join(", ", users)
                        + " of " + alteration.tableName() + " use" + (users.size() == 1 ? "s" : "") + " the column, and"
                        + " would break without it. Drop or change " + (users.size() == 1 ? "it" : "them")
                        + " first (a CHECK can go in the same command with --drop-check NAME).");
            }
        }
    }

    /** deleted_at's index, the live view and the trigger that refuses DELETE. */
    private static List<String> softDelete(Alteration alteration, Alteration.SoftDelete soft) {
        Table table = alteration.after();
        String name = SQL.quote(table.name().name());
        String column = SQL.quote(soft.column());
        List<String> keys = table.primaryKey() != null ? table.primaryKey().columns() : List.of(soft.column());
        List<String> statements = new ArrayList<>();
        statements.add("-- Live rows only: a partial index keeps lookups of rows not deleted fast and small.\n"
                + ifNotExists(SQL.createIndex(new Index(
                        new QualifiedName(table.name().schema(), soft.index()),
                        table.name(),
                        false,
                        keys.stream().map(IndexKey::column).toList(),
                        column + " IS NULL",
                        null,
                        true,
                        null))));
        statements.add("CREATE VIEW " + SQL.quote(soft.view()) + " AS SELECT * FROM " + name + " WHERE " + column
                + " IS NULL");
        String message = table.name().name() + " rows are soft-deleted: set " + soft.column() + " (UPDATE "
                + table.name().name() + " SET " + soft.column() + " = CURRENT_TIMESTAMP WHERE ...) instead of DELETE";
        statements.add("CREATE TRIGGER " + SQL.quote(soft.trigger()) + " BEFORE DELETE ON " + name + "\nBEGIN\n"
                + "    SELECT RAISE(ABORT, " + literal(message) + ");\nEND");
        return statements;
    }

    /**
     * CREATE [UNIQUE] INDEX IF NOT EXISTS: harmless here (the name is new, or was just dropped with its
     * table), and what the linter asks for.
     */
    static String ifNotExists(String createIndex) {
        return createIndex.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ");
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Whether the column is a SQLite rowid alias: the one INTEGER PRIMARY KEY column of a rowid table. */
    static boolean isRowidAlias(Table table, Column column) {
        return !table.withoutRowid()
                && table.primaryKey() != null
                && table.primaryKey().columns().size() == 1
                && table.primaryKey().columns().get(0).equals(column.name())
                && column.type().equalsIgnoreCase("INTEGER");
    }
}
