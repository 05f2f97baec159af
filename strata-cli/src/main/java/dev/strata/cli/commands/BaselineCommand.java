package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.BaselineResult;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "baseline",
        description = {
            "Record version V and every version before it as applied, without running them.",
            "",
            "For a database whose schema already holds those migrations: built by hand, restored"
                    + " from a dump, or managed by a tool whose history strata can't read. 'migrate' then"
                    + " starts after V. Refuses, changing nothing, when the history already holds a version"
                    + " above V or a failed one. Asks before writing unless --yes is given; without a terminal"
                    + " to ask on, --yes is required."
        },
        footer = {
            "",
            "Examples:",
            "  strata baseline --version 0003 --yes",
            "  strata --env prod baseline --version 20250123000001"
        })
public final class BaselineCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--version",
            required = true,
            paramLabel = "V",
            converter = VersionConverter.class,
            description = "The last version the database already has; a file must have it.")
    Version version;

    @Option(names = "--yes", description = "Record without asking.")
    boolean yes;

    @Option(
            names = "--json",
            description = "Print {\"database\",\"version\",\"recorded\",\"duration_ms\"} for" + " machines.")
    boolean json;

    // Not the standard help mixin: its --version (strata's version) would clash with the baseline version.
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Console console = parent.console();
        Strata strata = parent.strata();
        if (!yes) {
            BaselineResult preview = strata.baseline(version, true);
            if (preview.recorded().isEmpty()) {
                if (json) {
                    console.out(Json.write(toJson(preview, start)));
                    return ExitCodes.OK;
                }
                console.out("Nothing to record on " + preview.database() + ": every version up to " + version
                        + " is already recorded.");
                return ExitCodes.OK;
            }
            confirm(console, preview);
        }
        BaselineResult result = strata.baseline(version, false);
        if (json) {
            console.out(Json.write(toJson(result, start)));
            return ExitCodes.OK;
        }
        if (result.recorded().isEmpty()) {
            console.out("Nothing to record on " + result.database() + ": every version up to " + version
                    + " is already recorded.");
            return ExitCodes.OK;
        }
        for (AppliedMigration row : result.recorded()) {
            console.out("Recorded " + row.label() + " as applied (not run).");
        }
        console.out("Baseline " + version + " set on " + result.database() + ": "
                + Output.plural(result.recorded().size(), "migration") + " recorded; 'strata migrate' starts"
                + " after " + version + ".");
        return ExitCodes.OK;
    }

    private static Map<String, Object> toJson(BaselineResult result, long start) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", result.database());
        document.put("version", result.version().text());
        document.put("recorded", result.dryRun() ? List.of() : RunJson.rows(result.recorded()));
        document.put("duration_ms", RunJson.millisSince(start));
        return document;
    }

    private static void confirm(Console console, BaselineResult preview) {
        java.io.Console terminal = dev.strata.cli.Terminal.console().orElse(null);
        String question = "Record " + Output.plural(preview.recorded().size(), "migration") + " ("
                + preview.recorded().get(0).label()
                + (preview.recorded().size() > 1
                        ? " to "
                                + preview.recorded()
                                        .get(preview.recorded().size() - 1)
                                        .label()
                        : "")
                + ") as applied on " + preview.database() + " without running them?";
        if (terminal == null) {
            throw new ConfigurationException(question + " There is no terminal to ask on; pass --yes to confirm.");
        }
        console.err(question + " [y/N] ");
        String answer = terminal.readLine();
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            throw new ConfigurationException("baseline cancelled; nothing was recorded.");
        }
    }
}
