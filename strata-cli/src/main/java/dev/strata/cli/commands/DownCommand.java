package dev.strata.cli.commands;

import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.DownRequest;
import dev.strata.engine.DownResult;
import dev.strata.source.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "down",
        description = {
            "Revert applied migrations with their down scripts, newest first.",
            "",
            "Refuses, changing nothing, when any migration to revert has no down script. Each down"
                    + " script and the removal of its history row commit together."
        },
        mixinStandardHelpOptions = true)
public final class DownCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--steps", paramLabel = "N", description = "Revert the N newest (default: 1).")
        Integer steps;

        @Option(
                names = "--to",
                paramLabel = "V",
                converter = VersionConverter.class,
                description = "Revert every migration above version V (V stays applied).")
        Version to;

        @Option(names = "--all", description = "Revert every applied migration.")
        boolean all;
    }

    @Option(names = "--json", description = "Print {\"database\",\"reverted\",\"duration_ms\"} for machines.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        DownRequest request = which == null
                ? DownRequest.steps(1)
                : which.all
                        ? DownRequest.all()
                        : which.to != null ? DownRequest.to(which.to) : DownRequest.steps(which.steps);
        if (which != null && which.steps != null && which.steps < 1) {
            throw new ConfigurationException("--steps " + which.steps + ": give 1 or more (or --all).");
        }
        DownResult result = parent.strata(new ProgressPrinter(parent.console())).down(request);
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", result.database());
            document.put("reverted", RunJson.rows(result.reverted()));
            document.put("duration_ms", RunJson.millisSince(start));
            parent.console().out(Json.write(document));
            return ExitCodes.OK;
        }
        parent.console()
                .out(
                        result.reverted().isEmpty()
                                ? "Nothing to revert on " + result.database() + "."
                                : "Reverted " + Output.plural(result.reverted().size(), "migration") + " on "
                                        + result.database() + ".");
        return ExitCodes.OK;
    }
}
