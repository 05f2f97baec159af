package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.cli.TerminalConfirmation;
import dev.strata.engine.ResetResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "reset",
        description = {
            "Development only: drop everything the migrations made, then apply every migration again.",
            "",
            "reset drops every table, view, trigger, sequence, type and routine of the schema strata migrates"
                    + " (SQLite: the main database; PostgreSQL: the current schema and the history's schema),"
                    + " strata's history and other tools' histories included, in one transaction, then runs"
                    + " migrate. Rows the migrations insert come back; rows added since are gone. --all drops"
                    + " the whole database instead: on PostgreSQL also every other schema and every extension.",
            "",
            "It lists what it will drop first and asks; without a terminal it refuses unless --yes is given."
                    + " It refuses an environment marked protected = true in strata.toml, and any environment"
                    + " that another one requires (the promotion path). Remote D1 can't be reset."
        },
        footer = {
            "",
            "Examples:",
            "  strata --env dev reset --dry-run      list what would be dropped",
            "  strata --env dev reset --yes          drop and re-apply without asking"
        },
        mixinStandardHelpOptions = true)
public final class ResetCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--all", description = "Drop the whole database, not only the migrated schema.")
    boolean all;

    @Option(names = "--dry-run", description = "Only list what would be dropped.")
    boolean dryRun;

    @Option(
            names = {"-y", "--yes"},
            description = "Reset without asking (needed where there is no terminal).")
    boolean yes;

    @Option(names = "--json", description = "Print {\"database\",\"dropped\",\"dry_run\",\"applied\"} for machines.")
    boolean json;

    @Override
    public Integer call() {
        Console console = parent.console();
        Strata strata = parent.strata(new ProgressPrinter(console));
        ResetResult plan = strata.reset(all, true);
        if (!json || dryRun) {
            console.err((dryRun ? "reset would drop " : "reset will drop ")
                    + Output.plural(plan.dropped().size(), "object") + " of " + plan.database() + ":");
            plan.dropped().forEach(object -> console.err("  " + object));
        }
        if (dryRun) {
            return json ? print(plan) : ExitCodes.OK;
        }
        if (!yes
                && !TerminalConfirmation.ask(
                        console,
                        "Drop them and apply every migration again?",
                        "reset asks before it drops anything, and there is no terminal to ask on; nothing was"
                                + " changed. Pass --yes to reset without asking.")) {
            console.err("Nothing was reset.");
            return ExitCodes.FAILED;
        }
        ResetResult result = strata.reset(all, false);
        if (json) {
            return print(result);
        }
        console.out("Reset " + result.database() + ": dropped "
                + Output.plural(result.dropped().size(), "object") + ", applied "
                + Output.plural(result.migrated().orElseThrow().applied().size(), "migration") + ".");
        return ExitCodes.OK;
    }

    private int print(ResetResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", result.database());
        document.put("dropped", result.dropped());
        document.put("dry_run", result.dryRun());
        document.put(
                "applied",
                result.migrated()
                        .map(m -> m.applied().stream().map(a -> a.label()).toList())
                        .orElse(java.util.List.of()));
        parent.console().out(Json.write(document));
        return ExitCodes.OK;
    }
}
