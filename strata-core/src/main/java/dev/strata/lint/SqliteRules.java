package dev.strata.lint;

import static dev.strata.lint.StatementRule.D1;
import static dev.strata.lint.StatementRule.SQLITE;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.ColumnDefinition;
import dev.strata.sql.Lexeme;
import java.util.List;
import java.util.Optional;

/** What SQLite's ALTER TABLE can't do, and what Cloudflare D1 refuses or ignores. */
final class SqliteRules {

    private SqliteRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "sqlite-alter-unsupported",
                        Severity.ERROR,
                        SQLITE,
                        "ALTER TABLE that SQLite refuses: ADD COLUMN with PRIMARY KEY, UNIQUE, a non-constant"
                                + " default or a stored expression; DROP COLUMN of a key, indexed or foreign-key"
                                + " column; ALTER COLUMN, ADD CONSTRAINT and several actions in one statement",
                        SqliteRules::alterUnsupported),
                new StatementRule(
                        "d1-transaction-control",
                        Severity.ERROR,
                        D1,
                        "BEGIN, COMMIT, ROLLBACK or SAVEPOINT in a migration for Cloudflare D1",
                        SqliteRules::d1TransactionControl),
                new StatementRule(
                        "d1-foreign-keys-pragma",
                        Severity.WARNING,
                        D1,
                        "PRAGMA foreign_keys in a migration for Cloudflare D1, where it has no effect",
                        SqliteRules::d1ForeignKeysPragma));
    }

    private static final String ONLY =
            "SQLite's ALTER TABLE can only RENAME TO, RENAME COLUMN, ADD COLUMN and DROP" + " COLUMN";
    private static final String REBUILD = "Rebuild the table in one migration: CREATE TABLE new shape, INSERT INTO"
            + " ... SELECT from the old table, DROP the old table, ALTER TABLE ... RENAME TO the old name, and create"
            + " its indexes again.";

    private static void alterUnsupported(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter)) {
            return;
        }
        if (alter.actions().size() > 1) {
            report.report(
                    alter.actions().get(1).at(),
                    "SQLite's ALTER TABLE takes one action per statement; this" + " statement fails.",
                    "Write one ALTER TABLE statement per change.");
        }
        for (AlterAction action : alter.actions()) {
            problem(context, alter, action)
                    .ifPresent(problem -> report.report(
                            action.at(),
                            problem,
                            action instanceof AlterAction.AddColumn
                                    ? "Add the column without it, or rebuild the table: "
                                            + REBUILD.substring("Rebuild the table in one migration: ".length())
                                    : REBUILD));
        }
    }

    private static Optional<String> problem(StatementContext context, Change.AlterTable alter, AlterAction action) {
        if (action instanceof AlterAction.AddColumn add) {
            ColumnDefinition column = add.column();
            if (column.primaryKey() || column.unique()) {
                return Optional.of("SQLite cannot ADD a " + (column.primaryKey() ? "PRIMARY KEY" : "UNIQUE")
                        + " column (" + column.name() + "); the statement fails.");
            }
            if (column.generated() && column.stored()) {
                return Optional.of(
                        "SQLite cannot ADD a STORED generated column (" + column.name() + "); only" + " VIRTUAL ones.");
            }
            if (!constant(column.defaultValue())) {
                return Optional.of("SQLite cannot ADD COLUMN " + column.name() + " with the non-constant default "
                        + column.defaultText() + " (CURRENT_TIMESTAMP, an expression in parentheses or a function"
                        + " call); the statement fails.");
            }
            return Optional.empty();
        }
        if (action instanceof AlterAction.DropColumn drop) {
            return dropProblem(context, alter, drop.column());
        }
        if (action instanceof AlterAction.RenameColumn || action instanceof AlterAction.RenameTable) {
            return Optional.empty();
        }
        String what = action instanceof AlterAction.AlterColumnType
                ? "change a column's type"
                : action instanceof AlterAction.SetNotNull
                        ? "add NOT NULL to a column"
                        : action instanceof AlterAction.AddConstraint
                                ? "add a constraint to an existing table"
                                : "do this";
        return Optional.of(ONLY + "; it cannot " + what + ", so the statement fails.");
    }

    private static Optional<String> dropProblem(StatementContext context, Change.AlterTable alter, String column) {
        Optional<Catalog.TableInfo> table =
                context.catalog().table(alter.table().name());
        String key = Catalog.key(column);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        String why = null;
        if (table.get().column(column).map(Catalog.ColumnInfo::primaryKey).orElse(false)) {
            why = "it is part of the PRIMARY KEY";
        } else if (table.get().uniques.stream().anyMatch(u -> u.contains(key))) {
            why = "it is part of a UNIQUE constraint";
        } else if (table.get().foreignKeys.stream().anyMatch(f -> f.columns().contains(key))) {
            why = "it is part of a foreign key";
        } else {
            why = context.catalog().indexesOn(alter.table().name()).stream()
                    .filter(i -> i.columns().contains(key))
                    .findFirst()
                    .map(i -> "the index " + i.name() + " uses it")
                    .orElse(null);
        }
        return Optional.ofNullable(why)
                .map(w -> "SQLite cannot DROP COLUMN " + column + " of " + alter.table() + ": " + w
                        + "; the statement fails.");
    }

    /** A literal, a signed number, NULL, TRUE or FALSE: what SQLite's ADD COLUMN accepts as default. */
    private static boolean constant(List<Lexeme> value) {
        if (value.isEmpty()) {
            return true;
        }
        int at = value.get(0).isSymbol("-") || value.get(0).isSymbol("+") ? 1 : 0;
        if (value.size() != at + 1) {
            return false;
        }
        Lexeme term = value.get(at);
        return term.kind() == Lexeme.Kind.NUMBER
                || term.kind() == Lexeme.Kind.STRING
                || term.isWord("NULL")
                || term.isWord("TRUE")
                || term.isWord("FALSE");
    }

    private static void d1TransactionControl(StatementContext context, StatementRule.Reporter report) {
        if (context.change() instanceof Change.TransactionControl control) {
            report.report(
                    control.at(),
                    context.statement().part().statement().firstLine() + ": Cloudflare D1 refuses"
                            + " BEGIN, COMMIT, ROLLBACK and SAVEPOINT in SQL it is sent.",
                    "Remove it: strata runs each migration in its own transaction already.");
        }
    }

    private static void d1ForeignKeysPragma(StatementContext context, StatementRule.Reporter report) {
        if (context.change() instanceof Change.Pragma pragma && pragma.name().equalsIgnoreCase("foreign_keys")) {
            report.report(
                    pragma.at(),
                    "PRAGMA foreign_keys has no effect on Cloudflare D1: foreign keys are always"
                            + " enforced there, so a table rebuild that counts on switching them off deletes or"
                            + " blocks rows through its foreign keys.",
                    "Use PRAGMA defer_foreign_keys = on to postpone the checks to the end of the migration, and"
                            + " don't rebuild tables that others reference with ON DELETE CASCADE.");
        }
    }
}
