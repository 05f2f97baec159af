package dev.strata.lint;

import static dev.strata.lint.StatementRule.POSTGRES;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.ColumnDefinition;
import dev.strata.ddl.Name;
import dev.strata.sql.Lexeme;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL locking: statements that hold a lock blocking reads or writes of a busy table for as
 * long as they scan or rewrite it, or while they wait behind another transaction.
 */
final class PostgresRules {

    /** Functions PostgreSQL marks VOLATILE that people use as column defaults. */
    private static final Set<String> VOLATILE = Set.of(
            "RANDOM",
            "GEN_RANDOM_UUID",
            "UUID_GENERATE_V1",
            "UUID_GENERATE_V1MC",
            "UUID_GENERATE_V4",
            "CLOCK_TIMESTAMP",
            "TIMEOFDAY",
            "NEXTVAL",
            "TXID_CURRENT",
            "SETSEED",
            "UUIDV7",
            "UUID_GENERATE_V7");

    private PostgresRules() {}

    static List<StatementRule> rules() {
        return List.of(
                new StatementRule(
                        "pg-index-not-concurrent",
                        Severity.WARNING,
                        POSTGRES,
                        "CREATE INDEX without CONCURRENTLY on a table that existed before the migration",
                        PostgresRules::indexNotConcurrent),
                new StatementRule(
                        "pg-constraint-not-valid",
                        Severity.WARNING,
                        POSTGRES,
                        "a FOREIGN KEY or CHECK constraint added to an existing table without NOT VALID",
                        PostgresRules::constraintNotValid),
                new StatementRule(
                        "pg-column-type-rewrite",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER COLUMN ... TYPE that makes PostgreSQL rewrite the whole table",
                        PostgresRules::columnTypeRewrite),
                new StatementRule(
                        "pg-volatile-default",
                        Severity.WARNING,
                        POSTGRES,
                        "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp() ...),"
                                + " a serial or identity type, or a stored generated expression",
                        PostgresRules::volatileDefault),
                new StatementRule(
                        "pg-missing-lock-timeout",
                        Severity.WARNING,
                        POSTGRES,
                        "a migration that locks an existing table without SET lock_timeout first",
                        PostgresRules::missingLockTimeout),
                new StatementRule(
                        "pg-drop-index-not-concurrent",
                        Severity.WARNING,
                        POSTGRES,
                        "DROP INDEX without CONCURRENTLY of an index on a table that existed before the migration",
                        PostgresRules::dropIndexNotConcurrent),
                new StatementRule(
                        "pg-constraint-builds-index",
                        Severity.WARNING,
                        POSTGRES,
                        "a UNIQUE, PRIMARY KEY or EXCLUDE constraint added to an existing table without USING INDEX,"
                                + " so its index is built under an ACCESS EXCLUSIVE lock",
                        PostgresRules::constraintBuildsIndex),
                new StatementRule(
                        "pg-enum-value-in-transaction",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER TYPE ... ADD VALUE in a migration that runs in a transaction",
                        PostgresRules::enumValueInTransaction),
                new StatementRule(
                        "set-not-null",
                        Severity.WARNING,
                        POSTGRES,
                        "ALTER COLUMN ... SET NOT NULL on a table that existed before the migration",
                        PostgresRules::setNotNull));
    }

    private static void indexNotConcurrent(StatementContext context, StatementRule.Reporter report) {
        // CREATE INDEX IF NOT EXISTS of an index that is already there builds nothing and takes no lock.
        if (context.change() instanceof Change.CreateIndex index
                && !index.concurrently()
                && context.existedBefore(index.table())
                && !(index.ifNotExists()
                        && index.index() != null
                        && context.catalog().hasIndex(index.index().name()))) {
            report.report(
                    index.at(),
                    "CREATE INDEX on " + index.table() + " blocks every INSERT, UPDATE and DELETE on"
                            + " the table until the whole index is built.",
                    "Use CREATE INDEX CONCURRENTLY IF NOT EXISTS in a migration of its own whose first line is"
                            + " -- strata:no-transaction.");
        }
    }

    private static void constraintNotValid(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.AddConstraint add
                    && !add.notValid()
                    && (add.type() == AlterAction.ConstraintType.FOREIGN_KEY
                            || add.type() == AlterAction.ConstraintType.CHECK)) {
                String what = add.type() == AlterAction.ConstraintType.FOREIGN_KEY ? "FOREIGN KEY" : "CHECK";
                report.report(
                        action.at(),
                        "adding a " + what + " constraint checks every row of " + alter.table()
                                + " while holding a lock that blocks writes to it"
                                + (what.equals("FOREIGN KEY") ? " (and to the referenced table)" : "") + ".",
                        "Add it with NOT VALID (new rows are checked at once), then VALIDATE CONSTRAINT "
                                + (add.name() == null ? "<name>" : add.name())
                                + " in a later migration; validating takes only a weak lock.");
            }
        }
    }

    private static void columnTypeRewrite(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (!(action instanceof AlterAction.AlterColumnType type)) {
                continue;
            }
            Optional<String> before = context.catalog()
                    .table(alter.table().name())
                    .flatMap(t -> t.column(type.column()))
                    .map(Catalog.ColumnInfo::type);
            if (before.isPresent() && TypeChanges.postgresKeepsRows(before.get(), type.type())) {
                continue;
            }
            if (before.isPresent() && timestampZoneSwap(before.get(), type.type()) && sessionZoneIsUtc(context)) {
                continue;
            }
            report.report(
                    action.at(),
                    "changing " + alter.table() + "." + type.column() + " to " + type.type()
                            + before.map(b -> " (from " + b + ")").orElse("") + " rewrites the whole table and"
                            + " rebuilds its indexes while holding an ACCESS EXCLUSIVE lock: nothing can read or write "
                            + alter.table() + " until it is done.",
                    "Add a new column of the new type, backfill it in batches, switch the application over, then drop"
                            + " the old column; or widen only (varchar(n) to a longer varchar or text), which needs no"
                            + " rewrite.");
        }
    }

    /** timestamp to timestamptz or back. */
    private static boolean timestampZoneSwap(String from, String to) {
        String a = zoneKind(from);
        String b = zoneKind(to);
        return (a.equals("timestamp") && b.equals("timestamptz")) || (a.equals("timestamptz") && b.equals("timestamp"));
    }

    private static String zoneKind(String type) {
        String t = TypeChanges.base(type).replace(" ", "");
        return switch (t) {
            case "TIMESTAMP", "TIMESTAMPWITHOUTTIMEZONE" -> "timestamp";
            case "TIMESTAMPTZ", "TIMESTAMPWITHTIMEZONE" -> "timestamptz";
            default -> t;
        };
    }

    /**
     * Whether the file set the session's time zone to UTC before this statement and kept it: PostgreSQL
     * 12 and later then change a column between timestamp and timestamptz without rewriting the table,
     * since every stored value means the same instant.
     */
    private static boolean sessionZoneIsUtc(StatementContext context) {
        boolean utc = false;
        for (int i = 0; i < context.index(); i++) {
            List<String> words = context.statements().get(i).part().lexemes().stream()
                    .map(l -> l.kind() == Lexeme.Kind.STRING
                            ? l.text().replace("'", "").toUpperCase(Locale.ROOT)
                            : l.upper())
                    .filter(w -> !w.equals("SESSION") && !w.equals("=") && !w.equals("TO") && !w.equals(";"))
                    .toList();
            int zone = words.size() >= 2
                            && words.get(0).equals("SET")
                            && words.get(1).equals("TIMEZONE")
                    ? 2
                    : words.size() >= 3
                                    && words.get(0).equals("SET")
                                    && words.get(1).equals("TIME")
                                    && words.get(2).equals("ZONE")
                            ? 3
                            : -1;
            if (zone > 0) {
                utc = words.size() == zone + 1
                        && Set.of("UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z").contains(words.get(zone));
            } else if (words.size() >= 2
                    && words.get(0).equals("RESET")
                    && (words.get(1).equals("TIMEZONE") || words.get(1).equals("ALL"))) {
                utc = false;
            }
        }
        return utc;
    }

    private static void volatileDefault(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (!(action instanceof AlterAction.AddColumn add)) {
                continue;
            }
            ColumnDefinition column = add.column();
            String why = volatileFunction(column.defaultValue())
                    .map(f -> "its default calls " + f + "(), which" + " gives every row its own value")
                    .orElse(
                            column.identity()
                                    ? "a serial or identity column numbers every existing row"
                                    : column.generated() && column.stored()
                                            ? "a stored generated column computes every row"
                                            : null);
            if (why != null) {
                report.report(
                        column.at(),
                        "ADD COLUMN " + column.name() + " rewrites all of " + alter.table()
                                + " under an ACCESS EXCLUSIVE lock: " + why + ".",
                        "Add the column without the default (or with a constant one), set the default with ALTER"
                                + " COLUMN ... SET DEFAULT for new rows, and backfill existing rows in batches.");
            }
        }
    }

    private static Optional<String> volatileFunction(List<Lexeme> expression) {
        for (int i = 0; i + 1 < expression.size(); i++) {
            Lexeme word = expression.get(i);
            if (word.kind() == Lexeme.Kind.WORD
                    && expression.get(i + 1).isSymbol("(")
                    && VOLATILE.contains(word.upper())) {
                return Optional.of(word.text().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static void missingLockTimeout(StatementContext context, StatementRule.Reporter report) {
        // Reported once per file, at the first statement that takes a lock.
        if (context.lockTimeoutSet() || context.lockTaken() || !locksExistingTable(context)) {
            return;
        }
        report.report(
                context.statement().first(),
                "this statement takes a strong lock on an existing table without"
                        + " a lock_timeout: if another transaction holds the table, it waits, and every query on the"
                        + " table queues behind it until then.",
                "Let strata set it (lock_timeout in strata.toml, on unless \"off\"; or -- strata:lock-timeout 5s in"
                        + " the file): it then retries the migration when it times out. Outside strata's transaction,"
                        + " start the file with SET lock_timeout = '5s';.");
    }

    /**
     * Whether the statement takes a lock stronger than readers and writers can live with on a table that
     * existed before the file, judged by the catalog just before it.
     */
    static boolean locksExistingTable(StatementContext context) {
        Change change = context.change();
        if (change instanceof Change.AlterTable alter) {
            return !alter.table().key().isEmpty()
                    && !context.createdInFile().contains(alter.table().key());
        }
        if (change instanceof Change.CreateIndex create) {
            return !create.concurrently()
                    && !context.createdInFile().contains(create.table().key());
        }
        if (change instanceof Change.Drop drop) {
            // DROP TABLE IF EXISTS of a table that isn't there locks nothing.
            return drop.type() == Change.ObjectType.TABLE
                    && (!drop.ifExists()
                            || drop.names().stream()
                                    .anyMatch(name -> context.catalog().hasTable(name.name())));
        }
        if (change instanceof Change.Maintenance command) {
            return PostgresMaintenanceRules.locksExistingTable(context, command);
        }
        return change instanceof Change.Truncate;
    }

    private static void dropIndexNotConcurrent(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.Drop drop)
                || drop.type() != Change.ObjectType.INDEX
                || drop.concurrently()) {
            return;
        }
        for (Name index : drop.names()) {
            Optional<Catalog.IndexInfo> known = context.catalog().index(index.name());
            // IF EXISTS of an index nobody created drops nothing; an index this file built (or one on a table
            // it created) is in no running query's way yet.
            if ((drop.ifExists() && known.isEmpty())
                    || createdInFile(context, index)
                    || known.map(i -> context.createdInFile().contains(i.table()))
                            .orElse(false)) {
                continue;
            }
            String table = known.map(i -> " on " + i.table()).orElse("");
            report.report(
                    index.at(),
                    "DROP INDEX " + index + " takes an ACCESS EXCLUSIVE lock" + table + ": every read and write of"
                            + " the table waits until it is dropped, and while the drop waits behind a long"
                            + " transaction, every query queues behind it.",
                    "Use DROP INDEX CONCURRENTLY IF EXISTS " + index + " in a migration of its own whose first line is"
                            + " -- strata:no-transaction.");
        }
    }

    private static boolean createdInFile(StatementContext context, Name index) {
        return context.statements().subList(0, context.index()).stream()
                .anyMatch(s -> s.change() instanceof Change.CreateIndex create
                        && create.index() != null
                        && create.index().key().equals(index.key()));
    }

    private static void constraintBuildsIndex(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        String table = alter.table().toString();
        String concurrent = "Build the index first with CREATE UNIQUE INDEX CONCURRENTLY in a migration of its own"
                + " (-- strata:no-transaction), then ALTER TABLE " + table + " ADD CONSTRAINT ... ";
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.AddConstraint add
                    && !add.usingIndex()
                    && (add.type() == AlterAction.ConstraintType.UNIQUE
                            || add.type() == AlterAction.ConstraintType.PRIMARY_KEY)) {
                String kind = add.type() == AlterAction.ConstraintType.UNIQUE ? "UNIQUE" : "PRIMARY KEY";
                report.report(
                        action.at(),
                        "ADD CONSTRAINT ... " + kind + " builds its index over every row of " + table
                                + " while holding an ACCESS EXCLUSIVE lock: nothing can read or write " + table
                                + " until the index is built.",
                        concurrent + kind + " USING INDEX <the index>; only that last step takes the lock,"
                                + " and it is quick.");
            } else if (action instanceof AlterAction.AddConstraint add
                    && add.type() == AlterAction.ConstraintType.EXCLUDE) {
                report.report(
                        action.at(),
                        "ADD CONSTRAINT ... EXCLUDE builds its index and checks every row of " + table
                                + " while holding an ACCESS EXCLUSIVE lock, and PostgreSQL offers no concurrent or NOT"
                                + " VALID way to add one.",
                        "Add it while the table is small or in a maintenance window, with SET lock_timeout first.");
            } else if (action instanceof AlterAction.AddColumn add
                    && (add.column().unique() || add.column().primaryKey())) {
                String kind = add.column().primaryKey() ? "PRIMARY KEY" : "UNIQUE";
                report.report(
                        add.column().at(),
                        "ADD COLUMN " + add.column().name() + " ... " + kind + " builds a unique index over every row"
                                + " of " + table + " while holding an ACCESS EXCLUSIVE lock.",
                        "Add the column without " + kind + ". " + concurrent + kind + " USING INDEX <the index>.");
            }
        }
    }

    private static void enumValueInTransaction(StatementContext context, StatementRule.Reporter report) {
        if (context.transactional() && context.change() instanceof Change.AddEnumValue add) {
            report.report(
                    add.at(),
                    "ALTER TYPE ... ADD VALUE in a transaction fails on PostgreSQL 11 and older (it cannot run"
                            + " inside a transaction block there), and on 12 and later the new value cannot be used"
                            + " until the transaction commits: a later statement of this file that uses it fails.",
                    "Put it in a migration of its own whose first line is -- strata:no-transaction (ADD VALUE IF"
                            + " NOT EXISTS makes it safe to rerun); on PostgreSQL 12+ with nothing in the file using"
                            + " the value, allow it with a reason.");
        }
    }

    private static void setNotNull(StatementContext context, StatementRule.Reporter report) {
        if (!(context.change() instanceof Change.AlterTable alter) || !context.existedBefore(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            if (action instanceof AlterAction.SetNotNull set) {
                report.report(
                        action.at(),
                        "SET NOT NULL on " + alter.table() + "." + set.column() + " scans the whole"
                                + " table under an ACCESS EXCLUSIVE lock, and fails if any row holds NULL.",
                        "Backfill the NULLs first; then ADD CONSTRAINT ... CHECK (" + set.column() + " IS NOT NULL)"
                                + " NOT VALID, VALIDATE it in a later migration, and SET NOT NULL after that"
                                + " (PostgreSQL 12+ then skips the scan).");
            }
        }
    }
}
