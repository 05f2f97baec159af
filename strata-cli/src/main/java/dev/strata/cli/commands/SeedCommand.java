package dev.strata.cli.commands;

import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.SeedResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "seed",
        description = {
            "Load the seed data files the environment lists, all in one transaction.",
            "",
            "Seeds are .sql files in the project's seeds/ folder; [environments.NAME] seeds ="
                    + " [\"dev-users.sql\"] says which ones an environment loads, in order. An environment"
                    + " that lists none is never seeded. Seeds run again on every call, so write them to be"
                    + " idempotent, e.g. INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL): running"
                    + " seed twice then leaves the same rows. If any statement fails, nothing of the run is"
                    + " kept."
        },
        footer = {"", "Examples:", "  strata --env dev migrate && strata --env dev seed"},
        mixinStandardHelpOptions = true)
public final class SeedCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--json",
            description =
                    "Print {\"database\",\"environment\",\"files\",\"statements\"," + "\"duration_ms\"} for machines.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        SeedResult result = parent.strata(new ProgressPrinter(parent.console())).seed();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", result.database());
            document.put("environment", result.environment());
            document.put("files", result.files());
            document.put("statements", result.statements());
            document.put("duration_ms", RunJson.millisSince(start));
            parent.console().out(Json.write(document));
            return ExitCodes.OK;
        }
        parent.console()
                .out("Loaded " + Output.plural(result.files().size(), "seed file") + " ("
                        + Output.plural(result.statements(), "statement") + ") into " + result.environment() + " ("
                        + result.database() + "): " + String.join(", ", result.files()) + ".");
        return ExitCodes.OK;
    }
}
