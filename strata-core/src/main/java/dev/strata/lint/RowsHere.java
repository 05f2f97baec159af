package dev.strata.lint;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.StatementReader;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.TokenizedScript;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How many rows the tables hold where one migration starts, on the database it is about to run on:
 * what that database holds now, plus what the pending migrations before it insert. With it a
 * finding about deleting rows is judged by the data that is there: it blocks only when rows would
 * really go, and otherwise says that the table is empty here.
 */
@FunctionalInterface
public interface RowsHere {

    /**
     * @param table the table as the statement names it, {@code name} or {@code schema.name}
     * @return its rows where the migration starts; empty when that can't be known (linting without
     *         a database, or without a shadow database to run the earlier migrations on)
     */
    OptionalLong rows(String table);

    /** Nothing is known: the findings keep the severity the rules and strata.toml give them. */
    RowsHere UNKNOWN = table -> OptionalLong.empty();

    /** Counts this many rows at most: enough to say how much would go, cheap on any table. */
    long COUNT_LIMIT = 1_000_000;

    /**
     * The tables whose rows {@code source} may delete (DROP TABLE, DROP COLUMN, TRUNCATE, DELETE
     * without WHERE), or whose rows make it fail (ADD COLUMN ... NOT NULL without a DEFAULT on
     * PostgreSQL), as its statements name them: what must be counted before it runs.
     */
    static Set<String> tablesAtRisk(LintSource source, LintTarget target) {
        SqlSplitter splitter = target.splitter();
        Set<String> tables = new LinkedHashSet<>();
        TokenizedScript script;
        try {
            script = splitter.tokenize(source.file(), source.text());
        } catch (SqlSyntaxException e) {
            return tables; // the linter reports the file; there is no statement to judge
        }
        for (TokenizedScript.Part part : script.statements()) {
            Change change = StatementReader.read(part);
            if (change instanceof Change.Drop drop && drop.type() == Change.ObjectType.TABLE) {
                drop.names().forEach(name -> tables.add(name.toString()));
            } else if (change instanceof Change.Truncate truncate) {
                truncate.tables().forEach(name -> tables.add(name.toString()));
            } else if (change instanceof Change.Delete delete && !delete.where()) {
                tables.add(delete.table().toString());
            } else if (change instanceof Change.AlterTable alter
                    && alter.actions().stream()
                            .anyMatch(a -> a instanceof AlterAction.DropColumn
                                    || !target.isSqlite() && addsNotNullWithoutDefault(a))) {
                tables.add(alter.table().toString());
            }
        }
        return tables;
    }

    /** The rule whose statement fails on PostgreSQL only when the table holds a row. */
    String NOT_NULL_WITHOUT_DEFAULT = "not-null-without-default";

    /** ADD COLUMN ... NOT NULL without a usable DEFAULT: fails on PostgreSQL as soon as the table holds a row. */
    private static boolean addsNotNullWithoutDefault(AlterAction action) {
        if (!(action instanceof AlterAction.AddColumn add)) {
            return false;
        }
        var column = add.column();
        return column.notNull()
                && (!column.hasDefault() || column.defaultIsNull())
                && !column.generated()
                && !column.identity();
    }

    /** The rule about rebuilds that may outlast D1's 30-second query limit. */
    String D1_LONG_REBUILD = "d1-long-rebuild";

    /**
     * From how many rows a rebuild on D1 is warned about. D1 documents a 30-second limit per query,
     * not a copy rate; a rebuild copies every row in one INSERT ... SELECT, and at this many rows
     * (with indexes rebuilt after) that query can come close on D1's storage. A guide, not a proof.
     */
    long D1_LONG_REBUILD_ROWS = 100_000;

    /**
     * Whether a finding is kept once the rows are known: {@value #D1_LONG_REBUILD} only when the
     * database was counted and holds at least {@link #D1_LONG_REBUILD_ROWS} rows of the table.
     */
    static boolean keeps(Finding finding, RowsHere here) {
        if (!finding.rule().equals(D1_LONG_REBUILD) || finding.destroys().isEmpty()) {
            return true;
        }
        OptionalLong rows = here.rows(finding.destroys().get());
        return rows.isPresent() && rows.getAsLong() >= D1_LONG_REBUILD_ROWS;
    }

    /**
     * The finding judged by the rows that are there: one that would delete rows keeps its severity
     * and says how many; one whose table is empty here no longer blocks and says so.
     */
    static Finding judge(Finding finding, RowsHere here) {
        if (finding.destroys().isEmpty()) {
            return finding;
        }
        String table = finding.destroys().get();
        OptionalLong rows = here.rows(table);
        if (rows.isEmpty()) {
            return finding;
        }
        if (rows.getAsLong() > 0) {
            return finding.judged(finding.severity(), table + " holds " + count(rows.getAsLong()) + " here.");
        }
        Severity severity = finding.severity() == Severity.ERROR ? Severity.WARNING : finding.severity();
        if (finding.rule().equals(NOT_NULL_WITHOUT_DEFAULT)) {
            return finding.judged(severity, table + " is empty here, so the statement succeeds.");
        }
        return finding.judged(severity, table + " is empty here, so no row is lost.");
    }

    /** {@code 1 row}, {@code 12,345 rows}, {@code more than 1,000,000 rows}. */
    static String count(long rows) {
        if (rows > COUNT_LIMIT) {
            return "more than " + String.format(Locale.ROOT, "%,d", COUNT_LIMIT) + " rows";
        }
        return String.format(Locale.ROOT, "%,d", rows) + (rows == 1 ? " row" : " rows");
    }

    /** Splits {@code schema.name}; the schema is empty for a bare name. */
    static Optional<String> schemaOf(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(table.substring(0, dot));
    }

    /** The name without its schema. */
    static String nameOf(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? table : table.substring(dot + 1);
    }
}
