package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.fleet.FleetReport;
import dev.strata.fleet.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The summary table of a fleet run, and the one-line form of a target's result. */
final class FleetTable {

    private FleetTable() {}

    static void print(FleetReport report, java.nio.file.Path projectDir, Console console) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TARGET", "RESULT", "APPLIED", "PENDING", "FAILED", "TIME"});
        for (TargetResult result : report.results()) {
            rows.add(new String[] {
                result.target(),
                result.outcome().label(),
                count(result.applied()),
                count(result.pending()),
                count(result.failed()),
                result.started().isPresent() ? time(result) : "-"
            });
        }
        TextColumns.print(rows, console);
        List<TargetResult> problems =
                report.results().stream().filter(r -> !r.ok()).toList();
        if (!problems.isEmpty()) {
            console.out("");
            for (TargetResult result : problems) {
                console.out(result.target() + ": " + result.outcome().label() + ": "
                        + oneLine(result.message().orElse("")));
            }
        }
        console.out("");
        console.out(Output.plural(report.results().size(), "target") + ": "
                + report.count(TargetResult.Outcome.OK) + " ok, " + report.count(TargetResult.Outcome.FAILED)
                + " failed, " + report.count(TargetResult.Outcome.NOT_RUN) + " not run. Summary in "
                + Output.display(projectDir, report.summary())
                + (report.ok() ? "." : "; run again with --retry-failed to run only the targets that are not ok."));
    }

    /** A finished target on one line, for the progress on stderr. */
    static String line(TargetResult result) {
        String head = String.format(
                        "%-6s ",
                        result.outcome() == TargetResult.Outcome.OK
                                ? "ok"
                                : result.outcome().label().toUpperCase(java.util.Locale.ROOT))
                + result.target();
        if (!result.ok()) {
            return head + ": " + oneLine(result.message().orElse(""));
        }
        return head + "  applied " + count(result.applied()) + ", pending " + count(result.pending())
                + (result.message().map(m -> ", " + m).orElse("")) + " (" + time(result) + ")";
    }

    private static String count(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : "-";
    }

    private static String time(TargetResult result) {
        long ms = result.duration().toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A message of several lines (a database error and its hint) on one. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
