package dev.strata.lint;

import static dev.strata.lint.StatementRule.ALL;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.ColumnDefinition;
import dev.strata.ddl.ForeignKeyDefinition;
import dev.strata.ddl.Name;
import dev.strata.sql.RunMode;
import dev.strata.sql.Statement;
import dev.strata.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rules about the shape of a change, for both engines: cascades, changes that depend on the data
 * already there, robustness, compatibility with running code, and missing indexes.
 */
final class ChangeRules {

    private ChangeRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "cascade-delete",
                        Severity.WARNING,
                        ALL,
                        "a foreign key with ON DELETE CASCADE is added",
                        ChangeRules::cascadeDelete),
                new StatementRule(
                        "not-null-without-default",
                        Severity.ERROR,
                        ALL,
                        "ADD COLUMN ... NOT NULL without a DEFAULT on a table that existed before the migration",
                        ChangeRules::notNullWithoutDefault),
                new StatementRule(
                        "unique-on-existing-column",
                        Severity.WARNING,
                        ALL,
                        "a UNIQUE index or constraint on columns that already hold data",
                        ChangeRules::uniqueOnExistingColumn),
                new StatementRule(
                        "missing-if-not-exists",
                        Severity.WARNING,
                        ALL,
                        "CREATE TABLE or CREATE INDEX without IF NOT EXISTS",
                        ChangeRules::missingIfNotExists),
                new StatementRule(
                        "transaction-control",
                        Severity.ERROR,
                        ALL,
                        "BEGIN, COMMIT, ROLLBACK, SAVEPOINT ... inside a migration, other than one BEGIN ... COMMIT"
                                + " around the whole file",
                        ChangeRules::transactionControl),
                new StatementRule(
                        "unclosed-transaction",
                        Severity.ERROR,
                        Set.of(LintTarget.SQLITE, LintTarget.POSTGRES),
                        "a file that opens its own transactions and leaves one open at its end, or commits one it"
                                + " never opened",
                        ChangeRules::unclosedTransaction),
                new StatementRule(
                        "needs-no-transaction",
                        Severity.ERROR,
                        ALL,
                        "a statement that cannot run in a transaction, in a file without -- strata:no-transaction",
                        ChangeRules::needsNoTransaction),
                new StatementRule(
                        "rename-column",
                        Severity.WARNING,
                        ALL,
                        "ALTER TABLE ... RENAME COLUMN on a table that existed before the migration",
                        ChangeRules::renameColumn),
                new StatementRule(
                        "rename-table",
                        Severity.WARNING,
                        ALL,
                        "ALTER TABLE ... RENAME TO of a table that existed before the migration (not as the last"
                                + " step of a table rebuild)",
                        ChangeRules::renameTable),
                new StatementRule(
                        "fk-without-index",
                        Severity.WARNING,
                        ALL,
                        "a foreign key whose columns no index leads with",
                        ChangeRules::foreignKeyWithoutIndex));
    }

    /** The foreign keys a statement adds, with the table that holds them. */
    record AddedKey(Name table, ForeignKeyDefinition key) {}

    static List<AddedKey> addedKeys(Change change) {
        List<AddedKey> keys = new ArrayList<>();
        if (change instanceof Change.CreateTable create) {
            create.foreignKeys().forEach(key -> keys.add(new AddedKey(create.table(), key)));
        } else if (change instanceof Change.AlterTable alter) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AddColumn add && add.column().references() != null) {
                    keys.add(new AddedKey(alter.table(), add.column().references()));
                } else if (action instanceof AlterAction.AddConstraint add && add.foreignKey() != null) {
                    keys.add(new AddedKey(alter.table(), add.foreignKey()));
                }
            }
        }
        return keys;
    }

    private static void cascadeDelete(StatementContext context, StatementRule.Reporter report) {
        for (AddedKey added : addedKeys(context.change())) {
            if (added.key().cascadesDeletes()) {
                // Only SQLite and D1 rebuild tables to change them; on PostgreSQL the parent is never dropped for that.
                String how = context.target().isSqlite()
                        ? "one mistaken DELETE, or a rebuild of " + added.key().target() + ","
                        : "one mistaken DELETE";
                report.report(
                        added.key().onDeleteAt(),
                        "ON DELETE CASCADE on " + added.table() + " deletes its rows"
                                + " whenever the " + added.key().target() + " row they point at is deleted: " + how
                                + " silently empties " + added.table() + ".",
                        "Use ON DELETE RESTRICT (or leave the default) and delete dependent rows explicitly; for"
                                + " soft deletes, set a deleted_at column instead of deleting.");
            }
        }
    }

    private static void notNullWithoutDefault(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.AddColumn add) {
                ColumnDefinition column = add.column();
                if (column.notNull()
                        && (!column.hasDefault() || column.defaultIsNull())
                        && !column.generated()
                        && !column.identity()) {
                    // PostgreSQL fails only when the table holds a row, so the rows there decide; SQLite
                    // refuses the statement on any table, so nothing there can make it pass.
                    boolean sqlite = context.target().isSqlite();
                    report.report(
                            column.at(),
                            "ADD COLUMN " + column.name() + " ... NOT NULL without a DEFAULT "
                                    + (sqlite
                                            ? "is refused by SQLite, even while " + alter.table() + " is empty"
                                            : "fails as soon as " + alter.table() + " holds a row")
                                    + ": existing rows would have no value for it.",
                            "Give the column a DEFAULT, or add it nullable, backfill it, and add NOT NULL in a later"
                                    + " migration.",
                            sqlite ? Optional.empty() : Optional.of(alter.table()));
                }
            }
        }
    }

    private static void uniqueOnExistingColumn(StatementContext context, StatementRule.Reporter report) {
        Change change = context.change();
        if (change instanceof Change.CreateIndex index
                && index.unique()
                && context.existedBefore(index.table())
                && !index.columns().isEmpty()
                && index.columns().stream()
                        .filter(Objects::nonNull)
                        .allMatch(c -> context.columnExistedBefore(index.table(), c))) {
            report.report(index.at(), uniqueMessage(index.table(), index.columns()), uniqueFix());
        }
        if (change instanceof Change.AlterTable alter && context.existedBefore(alter.table())) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AddConstraint add
                        && add.type() == AlterAction.ConstraintType.UNIQUE
                        && !add.usingIndex()
                        && add.columns().stream()
                                .filter(Objects::nonNull)
                                .allMatch(c -> context.columnExistedBefore(alter.table(), c))) {
                    report.report(action.at(), uniqueMessage(alter.table(), add.columns()), uniqueFix());
                }
            }
        }
    }

    private static String uniqueMessage(Name table, List<String> columns) {
        return "a UNIQUE key on " + table + " ("
                + String.join(", ", columns.stream().map(String::valueOf).toList())
                + ") fails if the rows already there hold a duplicate, and it is only found when the migration runs"
                + " against real data.";
    }

    private static String uniqueFix() {
        return "Look for duplicates first (SELECT ... GROUP BY ... HAVING count(*) > 1) and clean them up in an"
                + " earlier migration; on PostgreSQL build the index CONCURRENTLY and then add the constraint"
                + " USING INDEX.";
    }

    private static void missingIfNotExists(StatementContext context, StatementRule.Reporter report) {
        Change change = context.change();
        if (change instanceof Change.CreateTable create
                && !create.ifNotExists()
                && !create.temporary()
                && context.rebuild().isEmpty()) {
            report.report(
                    context.statement().first(),
                    "CREATE TABLE " + create.table() + " without IF NOT EXISTS"
                            + " fails on a database where the table already exists, such as one set up before"
                            + " migrations were tracked.",
                    "Write CREATE TABLE IF NOT EXISTS " + create.table() + ".");
        }
        if (change instanceof Change.CreateIndex index && !index.ifNotExists()) {
            report.report(
                    index.at(),
                    "CREATE INDEX" + (index.index() == null ? "" : " " + index.index())
                            + " without IF NOT EXISTS fails on a database where the index already exists.",
                    "Write CREATE INDEX IF NOT EXISTS" + (index.index() == null ? " with a name" : "") + ".");
        }
    }

    private static void transactionControl(StatementContext context, StatementRule.Reporter report) {
        // A file that runs outside strata's transaction runs its own transaction control as written.
        if (!(context.change() instanceof Change.TransactionControl control) || !context.transactional()) {
            return;
        }
        List<ReadStatement> all = context.statements();
        int last = all.size() - 1;
        boolean wrapped = context.transactional()
                && last >= 1
                && all.get(0).part().statement().kind() == StatementKind.TRANSACTION_BEGIN
                && all.get(last).part().statement().kind() == StatementKind.TRANSACTION_COMMIT;
        if (wrapped && (context.index() == 0 || context.index() == last)) {
            return;
        }
        report.report(
                control.at(),
                context.statement().part().statement().firstLine() + " inside a migration: strata"
                        + " runs each migration in its own transaction, and refuses to run this file.",
                "Remove it. One BEGIN ... COMMIT around the whole file is accepted; a statement that must run"
                        + " outside a transaction goes in a file that starts with -- strata:no-transaction.");
    }

    /** The file's own transactions, which run as written, must pair up, or migrate refuses the file. */
    private static void unclosedTransaction(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.TransactionControl control) || context.transactional()) {
            return;
        }
        Statement current = context.statement().part().statement();
        List<Statement> body =
                context.statements().stream().map(s -> s.part().statement()).toList();
        RunMode.unpairedTransaction(body)
                .filter(unpaired -> unpaired.at().equals(current))
                .ifPresent(unpaired -> report.report(control.at(), unpaired.problem(), unpaired.fix()));
    }

    private static void needsNoTransaction(StatementContext context, StatementRule.Reporter report) {
        if (context.transactional() && context.statement().part().statement().kind() == StatementKind.NO_TRANSACTION) {
            report.report(
                    context.statement().first(),
                    context.statement().part().statement().firstLine()
                            + " cannot run inside a transaction, and strata refuses to run this file as it is.",
                    "Move it into a migration of its own whose first line is -- strata:no-transaction.");
        }
    }

    private static void renameColumn(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.RenameColumn rename
                    && context.columnExistedBefore(alter.table(), rename.from())) {
                report.report(
                        action.at(),
                        "renaming " + alter.table() + "." + rename.from() + " to " + rename.to()
                                + " breaks every running query that still uses the old name, from the moment the"
                                + " migration commits until new code is deployed.",
                        "Add the new column, write to both, backfill, switch the readers, and drop the old column in"
                                + " a later release; or deploy code that handles both names first.");
            }
        }
    }

    private static void renameTable(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter)
                || !context.existedBefore(alter.table())
                || context.rebuild().isPresent()) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.RenameTable rename) {
                report.report(
                        action.at(),
                        "renaming " + alter.table() + " to " + rename.to() + " breaks every running"
                                + " query that still uses the old name.",
                        "Create the new table (or a view named like the old one) and move readers over before"
                                + " removing the old name in a later release.");
            }
        }
    }

    private static void foreignKeyWithoutIndex(StatementContext context, StatementRule.Reporter report) {
        List<AddedKey> keys = addedKeys(context.change());
        if (keys.isEmpty()) {
            return;
        }
        // The index may come later in the file, also on the table's final name when the key is on the new
        // table of a rebuild (x_new, renamed to x before its indexes are created).
        Catalog after = context.catalog().copy();
        after.apply(context.change());
        for (ReadStatement statement : context.later()) {
            if (statement.change() instanceof Change.CreateIndex
                    || Rebuild.rename(statement.change()).isPresent()
                    || statement.change() instanceof Change.Drop drop && drop.type() == Change.ObjectType.TABLE) {
                after.apply(statement.change());
            }
        }
        for (AddedKey added : keys) {
            List<String> columns = added.key().columns();
            if (!columns.isEmpty() && !after.isIndexed(finalName(added.table(), context.later()), columns)) {
                report.report(
                        added.key().at(),
                        "no index on " + added.table() + " (" + String.join(", ", columns)
                                + ") for its foreign key to " + added.key().target() + ": every delete or key update"
                                + " in " + added.key().target() + " scans the whole of " + added.table()
                                + ", and so do joins.",
                        "Add CREATE INDEX IF NOT EXISTS ix_" + added.table().name() + "_" + String.join("_", columns)
                                + " ON " + added.table() + " (" + String.join(", ", columns) + ").");
            }
        }
    }

    /** The name {@code table} has at the end of the file, after the renames that follow. */
    private static String finalName(Name table, List<ReadStatement> later) {
        String current = table.name();
        for (ReadStatement statement : later) {
            java.util.Optional<Name[]> rename = Rebuild.rename(statement.change());
            if (rename.isPresent() && rename.get()[0].key().equals(Catalog.key(current))) {
                current = rename.get()[1].name();
            }
        }
        return current;
    }
}
