package dev.strata.lint;

import static dev.strata.lint.StatementRule.POSTGRES;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's maintenance commands in a migration: VACUUM FULL, CLUSTER, REINDEX and DETACH
 * PARTITION hold a lock that stops the application's reads or writes of an existing table for as
 * long as they copy, rebuild or wait, where each has a form (or a tool) that doesn't.
 */
final class PostgresMaintenanceRules {

    private PostgresMaintenanceRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "pg-vacuum-full-or-cluster",
                        Severity.WARNING,
                        POSTGRES,
                        "VACUUM FULL or CLUSTER of a table that existed before the migration, or of every table",
                        PostgresMaintenanceRules::vacuumFullOrCluster),
                new StatementRule(
                        "pg-reindex-not-concurrent",
                        Severity.WARNING,
                        POSTGRES,
                        "REINDEX without CONCURRENTLY of an index or table that existed before the migration",
                        PostgresMaintenanceRules::reindexNotConcurrent),
                new StatementRule(
                        "pg-detach-partition-not-concurrent",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY on a table that existed before the"
                                + " migration",
                        PostgresMaintenanceRules::detachPartitionNotConcurrent));
    }

    /**
     * Whether the command waits for a lock that queues the table's readers or writers behind it: VACUUM
     * FULL, CLUSTER and REINDEX without CONCURRENTLY, of every table or of one that existed before the
     * file. A plain VACUUM and the concurrent forms take only a lock that lets both go on.
     */
    static boolean locksExistingTable(StatementContext context, Change.Maintenance command) {
        boolean strong = command.rewrites()
                || (command.command() == Change.MaintenanceCommand.REINDEX && !command.concurrently());
        if (!strong) {
            return false;
        }
        // Every table, or a whole schema or database.
        if (command.names().isEmpty()
                || (command.scope() != Change.ObjectType.TABLE && command.scope() != Change.ObjectType.INDEX)) {
            return true;
        }
        if (command.scope() == Change.ObjectType.INDEX) {
            return onExistingTable(
                    context, context.catalog().index(command.names().get(0).name()));
        }
        return command.names().stream().anyMatch(context::existedBefore);
    }

    /**
     * Whether the index is on a table that existed before the file: REINDEX locks the table, so an
     * index the file built on such a table counts, and an index nobody has heard of counts too.
     */
    private static boolean onExistingTable(StatementContext context, Optional<Catalog.IndexInfo> index) {
        return index.map(known -> !context.createdInFile().contains(known.table()))
                .orElse(true);
    }

    private static void vacuumFullOrCluster(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.Maintenance command) || !command.rewrites()) {
            return;
        }
        String what = command.command() == Change.MaintenanceCommand.CLUSTER ? "CLUSTER" : "VACUUM FULL";
        String fix = "Leave it out of the migration: pg_repack (or pg_squeeze) rebuilds a table online and holds"
                + " the strong lock only for a moment at the end; a plain VACUUM makes dead rows' space reusable"
                + " without blocking reads or writes.";
        if (command.names().isEmpty()) {
            report.report(
                    command.at(),
                    what + " without a table rewrites every table it applies to, one after the other, each under"
                            + " an ACCESS EXCLUSIVE lock that stops every read and write of it until its copy is done.",
                    fix);
            return;
        }
        for (Name table : command.names()) {
            if (context.existedBefore(table)) {
                report.report(
                        table.at(),
                        what + " " + table + " copies the whole table and rebuilds its indexes under an ACCESS"
                                + " EXCLUSIVE lock: every read and write of " + table + " waits until it is done.",
                        fix);
            }
        }
    }

    private static void reindexNotConcurrent(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.Maintenance command)
                || command.command() != Change.MaintenanceCommand.REINDEX
                || command.concurrently()
                || (command.scope() != Change.ObjectType.OTHER
                        && command.names().isEmpty())) {
            return; // without a name PostgreSQL refuses it before it locks anything
        }
        String fix = "Use REINDEX ... CONCURRENTLY (PostgreSQL 12 and later) in a migration of its own whose first"
                + " line is -- strata:no-transaction.";
        switch (command.scope()) {
            case INDEX -> {
                Name index = command.names().get(0);
                var known = context.catalog().index(index.name());
                if (!onExistingTable(context, known)) {
                    return;
                }
                String table = known.map(i -> " " + i.table()).orElse(" its table");
                report.report(
                        index.at(),
                        "REINDEX INDEX " + index + " blocks every write to" + table + ", and every read that"
                                + " would use the index, until the index is rebuilt.",
                        fix);
            }
            case TABLE -> {
                Name table = command.names().get(0);
                if (context.existedBefore(table)) {
                    report.report(
                            table.at(),
                            "REINDEX TABLE " + table + " rebuilds each of its indexes while blocking every write"
                                    + " to " + table + ", and the reads that would use the index being rebuilt.",
                            fix);
                }
            }
            default ->
                report.report(
                        command.at(),
                        "REINDEX of a whole schema or database rebuilds the indexes of every table in it, each while"
                                + " blocking writes to its table.",
                        fix + " REINDEX SYSTEM has no concurrent form: run it outside a migration, in a quiet window.");
        }
    }

    private static void detachPartitionNotConcurrent(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.DetachPartition detach && !detach.concurrently()) {
                report.report(
                        action.at(),
                        "DETACH PARTITION " + detach.partition() + " takes an ACCESS EXCLUSIVE lock on "
                                + alter.table() + ": every read and write of the partitioned table waits, and while"
                                + " the detach waits behind a long transaction, every query queues behind it.",
                        "Use ALTER TABLE " + alter.table() + " DETACH PARTITION " + detach.partition()
                                + " CONCURRENTLY (PostgreSQL 14 and later) in a migration of its own whose first line"
                                + " is -- strata:no-transaction.");
            }
        }
    }
}
