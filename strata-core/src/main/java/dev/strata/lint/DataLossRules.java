package dev.strata.lint;

import static dev.strata.lint.StatementRule.ALL;
import static dev.strata.lint.StatementRule.POSTGRES;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import java.util.List;
import java.util.Optional;

/** Statements that throw data away: it cannot be brought back by a later migration. */
final class DataLossRules {

    private DataLossRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "drop-table",
                        Severity.ERROR,
                        ALL,
                        "DROP TABLE of a table that existed before the migration (a table rebuild is recognised"
                                + " and not reported as a drop)",
                        DataLossRules::dropTable),
                new StatementRule(
                        "drop-column",
                        Severity.ERROR,
                        ALL,
                        "ALTER TABLE ... DROP COLUMN of a column that existed before the migration",
                        DataLossRules::dropColumn),
                new StatementRule(
                        "drop-schema",
                        Severity.ERROR,
                        POSTGRES,
                        "DROP SCHEMA, which takes every object in the schema with it when CASCADE is given",
                        DataLossRules::dropSchema),
                new StatementRule(
                        "truncate",
                        Severity.ERROR,
                        ALL,
                        "TRUNCATE of a table that existed before the migration",
                        DataLossRules::truncate),
                new StatementRule(
                        "truncate-cascade",
                        Severity.ERROR,
                        POSTGRES,
                        "TRUNCATE ... CASCADE, which also empties every table that references the truncated ones",
                        DataLossRules::truncateCascade),
                new StatementRule(
                        "delete-without-where",
                        Severity.ERROR,
                        ALL,
                        "DELETE without WHERE on a table that existed before the migration",
                        DataLossRules::deleteWithoutWhere),
                new StatementRule(
                        "update-without-where",
                        Severity.WARNING,
                        ALL,
                        "UPDATE without WHERE on a table that existed before the migration",
                        DataLossRules::updateWithoutWhere));
    }

    private static void dropTable(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.Drop drop)
                || drop.type() != Change.ObjectType.TABLE
                || context.rebuild().isPresent()) {
            return;
        }
        for (Name table : drop.names()) {
            // IF EXISTS of a table the schema does not hold drops nothing: a clean-up written defensively.
            if (drop.ifExists() && !context.catalog().hasTable(table.name())) {
                continue;
            }
            if (context.existedBefore(table)) {
                Optional<ReadStatement> again = Rebuild.createdAgain(context.statements(), context.index(), table)
                        .filter(create -> !Rebuild.copiedBeforeDrop(context.statements(), context.index(), table));
                String message = again.map(create -> "DROP TABLE " + table + " deletes every row of the table, and"
                                + " the CREATE TABLE " + table.name() + " on line "
                                + create.first().line() + " makes a"
                                + " new, empty one: no INSERT ... SELECT copies the old rows over first.")
                        .orElse("DROP TABLE " + table + " deletes the table and every row in it; no later migration"
                                + " can bring the data back.");
                report.report(
                        table.at(),
                        message,
                        "Keep the table until nothing reads it any more and drop it in a later release, after a"
                                + " backup. To change the table's shape, rebuild it in one migration: CREATE TABLE "
                                + table.name() + "_new, INSERT INTO " + table.name() + "_new SELECT ... FROM "
                                + table.name() + ", DROP TABLE " + table.name() + ", ALTER TABLE " + table.name()
                                + "_new RENAME TO " + table.name() + ".",
                        Optional.of(table));
            }
        }
    }

    private static void dropColumn(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter)) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.DropColumn drop
                    && context.columnExistedBefore(alter.table(), drop.column())) {
                report.report(
                        action.at(),
                        "DROP COLUMN " + drop.column() + " deletes that column's value in every row" + " of "
                                + alter.table() + ", and application code that still reads it fails.",
                        "Stop reading and writing the column first; drop it in a later release, once the running"
                                + " code no longer uses it.",
                        Optional.of(alter.table()));
            }
        }
    }

    private static void dropSchema(StatementContext context, StatementRule.Reporter report) {
        if (context.change() instanceof Change.Drop drop && drop.type() == Change.ObjectType.SCHEMA) {
            report.report(
                    drop.at(),
                    "DROP SCHEMA "
                            + (drop.cascade()
                                    ? "... CASCADE deletes every table, view and"
                                            + " function in it, with all their rows."
                                    : "removes a whole namespace; with CASCADE it"
                                            + " would take every object in it along."),
                    "Drop the objects you mean to remove one by one, each in a migration that says so, and drop the"
                            + " empty schema without CASCADE.");
        }
    }

    private static void truncate(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.Truncate truncate)) {
            return;
        }
        for (Name table : truncate.tables()) {
            if (context.existedBefore(table)) {
                report.report(
                        table.at(),
                        "TRUNCATE " + table + " deletes every row of the table.",
                        "Delete only the rows you mean to, with DELETE ... WHERE, or keep the rows and archive them"
                                + " first.",
                        Optional.of(table));
            }
        }
    }

    private static void truncateCascade(StatementContext context, StatementRule.Reporter report) {
        // No table to judge by its rows: the cascade reaches tables the statement does not name, whole.
        if (context.change() instanceof Change.Truncate truncate && truncate.cascade()) {
            report.report(
                    truncate.at(),
                    "TRUNCATE ... CASCADE also empties every table with a foreign key to "
                            + String.join(
                                    ", ",
                                    truncate.tables().stream()
                                            .map(Name::toString)
                                            .toList())
                            + ", and every table referencing those, whichever rows they hold: the statement does not"
                            + " name what it deletes.",
                    "Name every table to empty in the TRUNCATE itself, without CASCADE, so PostgreSQL refuses it if a"
                            + " table you did not name still refers to them.");
        }
    }

    private static void deleteWithoutWhere(StatementContext context, StatementRule.Reporter report) {
        if (context.change() instanceof Change.Delete delete
                && !delete.where()
                && context.existedBefore(delete.table())) {
            report.report(
                    delete.at(),
                    "DELETE FROM " + delete.table() + " without WHERE deletes every row of the" + " table.",
                    "Add a WHERE clause that selects exactly the rows to remove.",
                    Optional.of(delete.table()));
        }
    }

    private static void updateWithoutWhere(StatementContext context, StatementRule.Reporter report) {
        if (context.change() instanceof Change.Update update
                && !update.where()
                && context.existedBefore(update.table())
                && !backfill(context, update)) {
            report.report(
                    update.at(),
                    "UPDATE " + update.table() + " without WHERE overwrites the column in every row;"
                            + " the old values are gone and on a large table it holds locks for a long time.",
                    "Add a WHERE clause (for a backfill, WHERE the column IS NULL), and on large tables update in"
                            + " batches.");
        }
    }

    /** An UPDATE that only sets columns this file added: it fills them in, and there is no old value to lose. */
    private static boolean backfill(StatementContext context, Change.Update update) {
        return !update.columns().isEmpty()
                && update.columns().stream().noneMatch(column -> context.columnExistedBefore(update.table(), column));
    }
}
