package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.refactor.AlterOperation;
import dev.strata.refactor.AlterRequest;
import dev.strata.refactor.Refactorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "alter",
        description = {
            "Write a migration that changes a table without losing a row, for you to review.",
            "",
            "Strata runs the existing migrations on a shadow database to learn the table as they"
                    + " leave it, writes the SQL into the next migration file, rehearses it on the shadow, and"
                    + " stops: apply it with 'strata migrate'. Columns are named as they are before the change.",
            "",
            "SQLite and Cloudflare D1 can't alter a column's type or a foreign key in place, so the"
                    + " table is rebuilt the way SQLite documents it: new table, copy inside the engine, drop,"
                    + " rename, then every index, trigger and view created again. With [migrations] target ="
                    + " \"d1\" in strata.toml the file has no PRAGMA foreign_keys and no BEGIN/COMMIT, and"
                    + " tables that reference the rebuilt one are rebuilt too, so no ON DELETE CASCADE can"
                    + " fire. PostgreSQL gets its native ALTER forms, with lock_timeout, and constraints added"
                    + " NOT VALID then validated by a second migration.",
            "",
            "The migration checks its data before it commits (-- strata:verify): the same row counts"
                    + " as before, converted numbers within the tolerance, and no value that is not a number"
                    + " where a number is wanted (a CAST would have made 'abc' 0). A failed check rolls"
                    + " everything back.",
            "",
            "--online (PostgreSQL) changes one column's type (--type) or name (--rename-column) on a"
                    + " table in use without a rewrite under an exclusive lock. It writes three migrations"
                    + " instead of one: the expand adds the new column (OLD_new for a type change, the new"
                    + " name for a rename) and a trigger that keeps old and new column in step, whichever"
                    + " one the application writes; the backfill (no transaction, '-- strata:backfill')"
                    + " fills the new column for the rows already there; the contract drops the trigger and"
                    + " the old column (with --keep-name it then gives the new column the old name). The"
                    + " contract says '-- strata:contract-of VERSION': 'strata migrate' applies the expand and"
                    + " the backfill and holds the contract back; deploy code that reads and writes the new"
                    + " column, then run 'strata migrate --contract'. 'strata status' shows the change as"
                    + " expanded until then. SQLite and D1 have one writer at a time, so --online is refused"
                    + " there."
        },
        footer = {
            "",
            "Examples:",
            "  strata alter zetachain_cctx_log --type amount=REAL",
            "  strata alter market_data --type price=REAL --type bid=REAL --tolerance 0.0001",
            "  strata alter alert_logs --on-delete rule_id=RESTRICT --soft-delete",
            "  strata alter orders --type total=NUMERIC --using \"round(total, 2)\"",
            "  strata alter users --drop-column legacy --name drop_legacy",
            "  strata alter users --rename-column mail=email --add-unique email",
            "  strata alter orders --type 'amount=numeric(12,2)' --online",
            "  strata alter users --rename-column mail=email --online"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
public final class AlterCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(paramLabel = "TABLE", description = "The table to change (schema.table for another PostgreSQL schema).")
    String table;

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", description = "Change a column's type, e.g. amount=REAL.")
    List<String> types = new ArrayList<>();

    @Option(
            names = "--using",
            paramLabel = "EXPR",
            description = "With one --type: the expression that computes the new value from the old row.")
    String using;

    @Option(
            names = "--on-delete",
            paramLabel = "COLUMN=ACTION",
            description = "Change the ON DELETE action of the foreign key on COLUMN: CASCADE, RESTRICT, SET NULL,"
                    + " SET DEFAULT or NO ACTION.")
    List<String> onDelete = new ArrayList<>();

    @Option(names = "--on-update", paramLabel = "COLUMN=ACTION", description = "Likewise for ON UPDATE.")
    List<String> onUpdate = new ArrayList<>();

    @Option(names = "--not-null", paramLabel = "COLUMN", description = "Make a column NOT NULL.")
    List<String> notNull = new ArrayList<>();

    @Option(names = "--nullable", paramLabel = "COLUMN", description = "Let a column hold NULL.")
    List<String> nullable = new ArrayList<>();

    @Option(names = "--add-check", paramLabel = "NAME=EXPR", description = "Add a named CHECK constraint.")
    List<String> addCheck = new ArrayList<>();

    @Option(names = "--drop-check", paramLabel = "NAME", description = "Drop a named CHECK constraint.")
    List<String> dropCheck = new ArrayList<>();

    @Option(
            names = "--add-unique",
            paramLabel = "COLUMNS",
            description = "Make columns unique together, e.g. tenant_id,email.")
    List<String> addUnique = new ArrayList<>();

    @Option(names = "--drop-column", paramLabel = "COLUMN", description = "Drop a column.")
    List<String> dropColumn = new ArrayList<>();

    @Option(names = "--rename-column", paramLabel = "OLD=NEW", description = "Rename a column.")
    List<String> renameColumn = new ArrayList<>();

    @Option(
            names = "--soft-delete",
            description =
                    "Add deleted_at, a live-rows index, a TABLE_live view and a trigger" + " that refuses DELETE.")
    boolean softDelete;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The migration's name (default: made from the changes).")
    String name;

    @Option(
            names = "--tolerance",
            paramLabel = "NUMBER",
            defaultValue = "0.0001",
            description = "How far a converted number may move and still count as equal (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(
            names = "--online",
            description = "PostgreSQL: write an expand/contract pair for one --type or --rename-column, so"
                    + " applications keep writing during the change (see above).")
    boolean online;

    @Option(
            names = "--keep-name",
            description = "With --online and --type: the contract renames the new column to the old name.")
    boolean keepName;

    @Option(names = "--json", description = "Print {\"files\",\"changes\",\"notices\"} for machines.")
    boolean json;

    @Override
    public Integer call() {
        AlterRequest request =
                new AlterRequest(table, operations(), Optional.ofNullable(name), tolerance, online, keepName);
        Console console = parent.console();
        dev.strata.Strata strata = parent.strata();
        Refactorer.Result result = strata.alter(request);
        Path project = strata.config().projectDir();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put(
                    "files",
                    result.files().stream()
                            .map(file -> Output.display(project, file))
                            .toList());
            document.put(
                    "changes",
                    result.changes().stream()
                            .map(c -> Output.change(c, "before", "after"))
                            .toList());
            document.put("notices", result.notices());
            console.out(Json.write(document));
            return ExitCodes.OK;
        }
        result.notices().forEach(notice -> console.err("strata: " + notice));
        for (Path file : result.files()) {
            console.out("Created " + Output.display(project, file));
        }
        result.changes().forEach(change -> console.out("  " + change.describe()));
        console.out(
                online
                        ? "Review them, then run: strata migrate (the contract waits for strata migrate --contract)"
                        : "Review it, then run: strata migrate");
        return ExitCodes.OK;
    }

    /** The operations in the order picocli's options list them; the order only matters for the file's name. */
    private List<AlterOperation> operations() {
        if (using != null && types.size() != 1) {
            throw new ConfigurationException("--using goes with exactly one --type (found " + types.size() + "); give"
                    + " each conversion that needs an expression its own strata alter command");
        }
        List<AlterOperation> operations = new ArrayList<>();
        renameColumn.forEach(r -> operations.add(AlterOperation.renameColumn(r)));
        types.forEach(t -> operations.add(AlterOperation.type(t, Optional.ofNullable(using))));
        onDelete.forEach(a -> operations.add(AlterOperation.foreignKeyAction(AlterOperation.Event.DELETE, a)));
        onUpdate.forEach(a -> operations.add(AlterOperation.foreignKeyAction(AlterOperation.Event.UPDATE, a)));
        notNull.forEach(c -> operations.add(new AlterOperation.SetNotNull(c)));
        nullable.forEach(c -> operations.add(new AlterOperation.DropNotNull(c)));
        addCheck.forEach(c -> operations.add(AlterOperation.addCheck(c)));
        dropCheck.forEach(c -> operations.add(new AlterOperation.DropCheck(c)));
        addUnique.forEach(c -> operations.add(AlterOperation.addUnique(c)));
        dropColumn.forEach(c -> operations.add(new AlterOperation.DropColumn(c)));
        if (softDelete) {
            operations.add(new AlterOperation.SoftDelete());
        }
        return operations;
    }
}
