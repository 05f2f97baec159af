package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.source.Version;
import dev.strata.squash.SquashResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "squash",
        description = {
            "Replace the migration files up to version V with one baseline file.",
            "",
            "The baseline keeps V's file name and holds what the shadow database has after the old files: the"
                    + " schema as 'strata dump' writes it, then the rows those migrations inserted as INSERTs (table"
                    + " by table, referenced tables first), the sequence and AUTOINCREMENT counters, and the"
                    + " triggers last. Its header lists every file it replaces with that file's checksum"
                    + " ('-- strata:squashes VERSION CHECKSUM NAME'); don't edit it.",
            "",
            "Before anything is written, the old folder and the squashed one each run on a shadow database"
                    + " of their own, and the schema, the rows of every table and the counters must be equal at V"
                    + " and after every later migration. Any difference refuses (exit 1), naming it, and no file"
                    + " changes. The old files are deleted, not moved: version control keeps them. The baseline"
                    + " has no down script.",
            "",
            "Databases: one that applied the old files keeps its history, and the baseline counts as applied"
                    + " there without running ('status' shows it 'equivalent', the old rows 'squashed'); 'migrate'"
                    + " then applies the files after V. A new database runs the baseline, then the rest. One that"
                    + " applied only some of the old files is refused: migrate it with the old folder first."
                    + " Migrate every database past V before you squash when you can. Touches no database but"
                    + " shadows."
        },
        footer = {
            "",
            "Examples:",
            "  strata squash --to 0042 --dry-run   (build and check, write nothing)",
            "  strata squash --to 0042",
            "  strata squash --to 0042 --json"
        },
        mixinStandardHelpOptions = true)
public final class SquashCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "V",
            converter = VersionConverter.class,
            description = "The last migration to squash; a file must have this version. Later files stay.")
    Version to;

    @Option(
            names = "--dry-run",
            description = "Build and check the baseline, print what would change, write nothing (--json includes"
                    + " the baseline's text).")
    boolean dryRun;

    @Option(
            names = "--json",
            description = "Print {\"baseline\",\"replaced\",\"removed\",\"tables_with_rows\",\"rows\",\"later\","
                    + "\"dry_run\"} for machines.")
    boolean json;

    @Override
    public Integer call() {
        Console console = parent.console();
        SquashResult result = parent.strata().squash(to, dryRun);
        if (json) {
            console.out(Json.write(toJson(result)));
            return ExitCodes.OK;
        }
        String verb = result.dryRun() ? "would " : "";
        console.out((result.dryRun() ? "Dry run, nothing written: " : "") + result.baseline() + " "
                + (result.dryRun() ? "would become" : "is now") + " the baseline of "
                + Output.plural(result.replaced().size(), "migration") + " ("
                + result.replaced().get(0) + " to "
                + result.replaced().get(result.replaced().size() - 1) + "), with "
                + Output.plural(result.rows(), "row") + " in " + Output.plural(result.tablesWithRows(), "table")
                + ".");
        for (String file : result.removed()) {
            console.out("  " + verb + "remove " + file);
        }
        console.out("Checked on two shadow databases: the squashed folder builds the same schema and rows as the"
                + " old one, at " + to + " and after the " + Output.plural(result.later(), "later migration") + ".");
        if (!result.dryRun()) {
            console.out("Databases that applied the old files count the baseline as applied ('strata status' shows"
                    + " 'equivalent'); commit the change.");
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> toJson(SquashResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("baseline", result.baseline());
        document.put("replaced", result.replaced());
        document.put("removed", result.removed());
        document.put("tables_with_rows", result.tablesWithRows());
        document.put("rows", result.rows());
        document.put("later", result.later());
        document.put("dry_run", result.dryRun());
        if (result.dryRun()) {
            document.put("text", result.text());
        }
        return document;
    }
}
