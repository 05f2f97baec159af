package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.RepairResult;
import dev.strata.history.AppliedMigration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "repair",
        description = {
            "Clear the records of migrations that failed part-way.",
            "",
            "Only no-transaction migrations (-- strata:no-transaction) can fail part-way. Clean up"
                    + " what they left first; the next migrate runs them again."
        },
        mixinStandardHelpOptions = true)
public final class RepairCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--json",
            description = "Print {\"database\",\"cleared\",\"leftovers\",\"duration_ms\"} for" + " machines.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        RepairResult result = parent.strata().repair();
        Console console = parent.console();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", result.database());
            document.put("cleared", RunJson.rows(result.cleared()));
            document.put("leftovers", result.leftovers());
            document.put("duration_ms", RunJson.millisSince(start));
            console.out(Json.write(document));
            return ExitCodes.OK;
        }
        if (result.cleared().isEmpty()) {
            console.out("Nothing to repair on " + result.database() + ": no failed migrations.");
            return ExitCodes.OK;
        }
        for (AppliedMigration row : result.cleared()) {
            console.out("Cleared the failed record of " + row.label() + "; 'strata migrate' will run it again.");
        }
        for (String leftover : result.leftovers()) {
            console.out("warning: still present: " + leftover);
        }
        return ExitCodes.OK;
    }
}
