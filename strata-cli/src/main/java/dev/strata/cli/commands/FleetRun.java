package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.fleet.Fleet;
import dev.strata.fleet.FleetCommand;
import dev.strata.fleet.FleetReport;
import dev.strata.fleet.FleetRunOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A command run on every target of a fleet file: progress on stderr, then the summary table (or
 * with {@code --json} the summary document) on stdout. Exit 0 when every target is ok, else 1.
 */
final class FleetRun {

    private FleetRun() {}

    /** Refuses the fleet-only options on a run without --fleet: they would be ignored silently. */
    static void refuseStray(FleetOptions options, int canary) {
        Optional<String> stray =
                options.strayOption().or(() -> canary > 0 ? Optional.of("--canary") : Optional.empty());
        stray.ifPresent(option -> {
            throw new ConfigurationException(
                    option + " applies to a fleet of databases; add --fleet FILE, or leave" + " " + option + " out");
        });
    }

    static int run(StrataCommand parent, FleetCommand command, FleetOptions options, int canary, boolean json) {
        Console console = parent.console();
        FleetRunOptions run = new FleetRunOptions(
                options.parallel == null ? Runtime.getRuntime().availableProcessors() : options.parallel,
                options.failFast,
                canary,
                options.retryFailed,
                Optional.ofNullable(options.summary));
        Fleet fleet = parent.fleet(options.file);
        FleetProgress progress = new FleetProgress(console, fleet.targets().size());
        FleetReport report;
        try {
            report = fleet.run(command, run, progress);
        } finally {
            progress.close();
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>(report.document());
            document.put("summary_file", Output.display(fleet.projectDir(), report.summary()));
            document.put("ran", report.ran());
            console.out(Json.write(document));
        } else {
            if (options.retryFailed && report.ran() == 0) {
                console.out("Nothing to retry: every target of " + fleet.shown() + " is ok in the last summary.");
            }
            FleetTable.print(report, fleet.projectDir(), console);
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
