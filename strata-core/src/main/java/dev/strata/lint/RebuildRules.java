package dev.strata.lint;

import static dev.strata.lint.StatementRule.ALL;
import static dev.strata.lint.StatementRule.SQLITE;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.ColumnDefinition;
import dev.strata.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Rules about what a change does to existing values and to the tables around it: type changes,
 * whether made by ALTER COLUMN TYPE or by a SQLite table rebuild, and what a rebuild takes along.
 */
final class RebuildRules {

    private RebuildRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "table-rebuild",
                        Severity.INFO,
                        ALL,
                        "a table rebuild (create new, copy, drop old, rename), with the column changes it makes",
                        RebuildRules::tableRebuild),
                new StatementRule(
                        "lossy-type-change",
                        Severity.WARNING,
                        ALL,
                        "a column type change that loses information: DECIMAL/NUMERIC to FLOAT/REAL, TEXT to a"
                                + " number, a fraction to an integer, a shorter length or scale",
                        RebuildRules::lossyTypeChange),
                new StatementRule(
                        "rebuild-drops-indexes",
                        Severity.WARNING,
                        ALL,
                        "a table rebuild that does not re-create the old table's indexes",
                        RebuildRules::rebuildDropsIndexes),
                new StatementRule(
                        "rebuild-with-cascade-children",
                        Severity.ERROR,
                        SQLITE,
                        "a table rebuild of a table that other tables reference with ON DELETE CASCADE",
                        RebuildRules::rebuildWithCascadeChildren),
                new StatementRule(
                        RowsHere.D1_LONG_REBUILD,
                        Severity.WARNING,
                        StatementRule.D1,
                        "a table rebuild on D1 of a table holding " + RowsHere.count(RowsHere.D1_LONG_REBUILD_ROWS)
                                + " or more, counted on the database, against D1's 30-second limit per query",
                        RebuildRules::d1LongRebuild));
    }

    /**
     * Reported on every rebuild on D1 with the table it copies; {@link RowsHere#keeps} lets it through
     * only when the database's count of that table's rows reaches the threshold.
     */
    private static void d1LongRebuild(StatementContext context, StatementRule.Reporter report) {
        Optional<Rebuild> rebuild = context.rebuild().filter(r -> r.drop() == context.index());
        rebuild.ifPresent(r -> report.report(
                context.statement().first(),
                "rebuilding " + r.table() + " copies every"
                        + " row in one query, and D1 stops a query after 30 seconds (the migration then fails and is"
                        + " rolled back).",
                "Rehearse the rebuild on a copy with as many rows (wrangler d1 export, then d1-local:), or change the"
                        + " column without a rebuild (ADD COLUMN new, UPDATE in batches of rows, DROP COLUMN old,"
                        + " RENAME COLUMN).",
                Optional.of(r.table())));
    }

    /** The rebuild whose CREATE TABLE this statement is, and the table as it stood before the file. */
    private static Optional<Catalog.TableInfo> rebuiltAt(StatementContext context, Rebuild rebuild) {
        return context.atFileStart().table(rebuild.table().name());
    }

    private static void tableRebuild(StatementContext context, StatementRule.Reporter report) {
        Optional<Rebuild> rebuild = context.rebuild().filter(r -> r.create() == context.index());
        if (rebuild.isEmpty()) {
            return;
        }
        Rebuild r = rebuild.get();
        List<String> changes =
                rebuiltAt(context, r).map(old -> differences(old, r.shape())).orElse(List.of());
        report.report(
                context.statement().first(),
                "rebuilds " + r.table() + " (create, copy, drop, rename)"
                        + (changes.isEmpty() ? "." : ": " + String.join("; ", changes) + "."),
                "Nothing to do if that is the change you meant. Check that the copy names its columns on both sides"
                        + " and that indexes and triggers of " + r.table() + " are created again.");
    }

    private static List<String> differences(Catalog.TableInfo old, Change.CreateTable shape) {
        List<String> changes = new ArrayList<>();
        for (ColumnDefinition column : shape.columns()) {
            Optional<Catalog.ColumnInfo> before = old.column(column.name());
            if (before.isEmpty()) {
                changes.add("adds column " + column.name());
            } else if (!TypeChanges.same(before.get().type(), column.type())) {
                changes.add("column " + column.name() + " type " + before.get().type() + " -> " + column.type());
            } else if (before.get().notNull() != (column.notNull() || column.primaryKey())) {
                changes.add("column " + column.name() + (column.notNull() ? " becomes NOT NULL" : " becomes nullable"));
            }
        }
        old.columns.values().stream()
                .filter(c -> shape.column(c.name()).isEmpty())
                .forEach(c -> changes.add("drops column " + c.name()));
        return changes;
    }

    private static void lossyTypeChange(StatementContext context, StatementRule.Reporter report) {
        Optional<Rebuild> rebuild = context.rebuild().filter(r -> r.create() == context.index());
        if (rebuild.isPresent()) {
            Optional<Catalog.TableInfo> old = rebuiltAt(context, rebuild.get());
            for (ColumnDefinition column : rebuild.get().shape().columns()) {
                old.flatMap(t -> t.column(column.name()))
                        .ifPresent(before -> TypeChanges.loss(before.type(), column.type())
                                .ifPresent(loss -> report.report(
                                        column.at(),
                                        lossMessage(
                                                rebuild.get().table() + "." + column.name(),
                                                before.type(),
                                                column.type(),
                                                loss,
                                                "in a table rebuild"),
                                        lossFix())));
            }
        }
        if (context.change() instanceof Change.AlterTable alter) {
            for (AlterAction action : alter.actions()) {
                if (action instanceof AlterAction.AlterColumnType type) {
                    context.catalog()
                            .table(alter.table().name())
                            .flatMap(t -> t.column(type.column()))
                            .ifPresent(before -> TypeChanges.loss(before.type(), type.type())
                                    .ifPresent(loss -> report.report(
                                            action.at(),
                                            lossMessage(
                                                    alter.table() + "." + type.column(),
                                                    before.type(),
                                                    type.type(),
                                                    loss,
                                                    "with ALTER COLUMN TYPE"),
                                            lossFix())));
                }
            }
        }
    }

    private static String lossMessage(String column, String from, String to, String loss, String how) {
        return column + " changes type " + from + " -> " + to + " " + how + ": " + loss + ".";
    }

    private static String lossFix() {
        return "Check the values first (and keep a copy of the old column until the new one is proven), or keep the"
                + " exact type: NUMERIC for money and measurements, a separate column for parsed text.";
    }

    private static void rebuildDropsIndexes(StatementContext context, StatementRule.Reporter report) {
        Optional<Rebuild> rebuild = context.rebuild().filter(r -> r.drop() == context.index());
        if (rebuild.isEmpty()) {
            return;
        }
        String table = rebuild.get().table().key();
        for (Catalog.IndexInfo index : context.atFileStart().indexesOn(table)) {
            boolean recreated = context.later().stream()
                    .anyMatch(s -> s.change() instanceof Change.CreateIndex c
                            && c.table().key().equals(table)
                            && ((c.index() != null && c.index().key().equals(Catalog.key(index.name())))
                                    || Catalog.keys(c.columns()).equals(index.columns())));
            if (!recreated) {
                report.report(
                        context.statement().first(),
                        "dropping the old " + rebuild.get().table() + " drops its"
                                + " index " + index.name() + " too, and nothing in this migration creates it again:"
                                + " queries that used it silently become full table scans.",
                        "Create the index again after the rename: CREATE INDEX IF NOT EXISTS " + index.name() + " ON "
                                + rebuild.get().table().name() + " (...).");
            }
        }
    }

    /**
     * For each statement of a file, whether SQLite runs it with foreign keys unenforced because the file
     * said {@code PRAGMA foreign_keys = OFF} before it. The pragma takes effect only outside a
     * transaction (SQLite ignores it inside one), so only in a file that runs outside strata's
     * transaction, and only where the file's own BEGIN ... COMMIT is not open.
     */
    static boolean[] foreignKeysOffAt(List<ReadStatement> statements, boolean transactional) {
        boolean[] off = new boolean[statements.size()];
        boolean pragmaOff = false;
        int open = 0;
        for (int i = 0; i < statements.size(); i++) {
            off[i] = pragmaOff;
            StatementKind kind = statements.get(i).part().statement().kind();
            if (kind == StatementKind.TRANSACTION_BEGIN) {
                open++;
            } else if (kind == StatementKind.TRANSACTION_COMMIT
                    || kind == StatementKind.TRANSACTION_OTHER
                            && statements
                                    .get(i)
                                    .part()
                                    .statement()
                                    .sql()
                                    .trim()
                                    .toUpperCase(Locale.ROOT)
                                    .startsWith("ROLLBACK")
                            && !statements
                                    .get(i)
                                    .part()
                                    .statement()
                                    .sql()
                                    .toUpperCase(Locale.ROOT)
                                    .contains(" TO ")) {
                open = Math.max(0, open - 1);
            } else if (!transactional
                    && open == 0
                    && statements.get(i).change() instanceof Change.Pragma pragma
                    && pragma.name().equalsIgnoreCase("foreign_keys")) {
                pragmaOff = Set.of("OFF", "0", "FALSE", "NO")
                        .contains(pragma.value().trim().toUpperCase(Locale.ROOT));
            }
        }
        return off;
    }

    private static void rebuildWithCascadeChildren(StatementContext context, StatementRule.Reporter report) {
        Optional<Rebuild> rebuild = context.rebuild().filter(r -> r.drop() == context.index());
        if (rebuild.isEmpty()) {
            return;
        }
        if (context.foreignKeysOff() && context.target() == LintTarget.SQLITE) {
            // strata runs the file with foreign keys unenforced, or the file turned them off itself outside a
            // transaction: dropping the old table deletes nothing.
            return;
        }
        // The children at the moment of the drop: a file that rebuilt them first, pointing at the new
        // table, has none left to lose.
        List<String> children = context
                .catalog()
                .referencesTo(rebuild.get().table().name())
                .stream()
                .filter(key -> "CASCADE".equals(key.onDelete()))
                .map(Catalog.ForeignKeyInfo::table)
                .distinct()
                .toList();
        if (!children.isEmpty()) {
            report.report(
                    context.statement().first(),
                    "rebuilding " + rebuild.get().table() + " drops the old table,"
                            + " and with foreign keys on (always on Cloudflare D1, where they can't be switched off)"
                            + " that deletes every row of " + String.join(", ", children) + " through ON DELETE"
                            + " CASCADE.",
                    "Change the column without a rebuild (ADD COLUMN new, UPDATE to copy, DROP COLUMN old, RENAME"
                            + " COLUMN), or rebuild the child tables too, copying their rows back afterwards.");
        }
    }
}
