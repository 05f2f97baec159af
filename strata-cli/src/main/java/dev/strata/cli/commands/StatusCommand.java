package dev.strata.cli.commands;

import dev.strata.adopt.ForeignHistory;
import dev.strata.callback.CallbackFile;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.ExpandContract;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.engine.StatusReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "status",
        description = {
            "Show every migration and its state.",
            "",
            "States: applied; pending; changed (edited after it was applied); missing (applied, file"
                    + " gone); failed (stopped part-way outside a transaction); outdated (a repeatable R__"
                    + " migration edited since it last ran; migrate runs it again); adoptable (applied by"
                    + " another tool whose history strata found; 'strata adopt' takes it over). Reads only: a"
                    + " SQLite file that does not exist yet is not created.",
            "",
            "An expand/contract pair written by 'strata alter --online' whose expand is applied and whose"
                    + " contract is not is listed as expanded: both columns exist and a trigger keeps them in"
                    + " step; 'strata migrate --contract' finishes it once every running application uses the"
                    + " new column. --json lists the pairs under \"expand_contract\".",
            "",
            "--all-envs shows one column per environment of strata.toml, so you can see what staging"
                    + " has that prod has not. An environment that can't be read shows '?' and its reason; the"
                    + " others are still shown, and the exit code is 1.",
            "",
            "--fleet FILE reads the state of every database FILE lists (see README, 'Many databases at once'),"
                    + " N at a time (--parallel, default the number of cores), then prints one table of target,"
                    + " result, applied, pending, failed and time (--json: the same as a document), also written"
                    + " to strata-fleet-last.json next to FILE; --retry-failed runs only the targets not ok there."
                    + " Exit 0 when every target is ok, 1 when any is not, 2 when the fleet file is wrong."
        },
        footer = {
            "",
            "Examples:",
            "  strata status",
            "  strata --env prod status --json",
            "  strata status --all-envs",
            "  strata status --fleet fleet.toml    counts of every database"
        },
        mixinStandardHelpOptions = true)
public final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    StrataCommand parent;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(names = "--json", description = "Print {\"migrations\":[...]} for machines.")
    boolean json;

    @Option(names = "--all-envs", description = "One column per environment of strata.toml.")
    boolean allEnvironments;

    @Override
    public Integer call() {
        if (fleet.present()) {
            if (allEnvironments) {
                throw new dev.strata.config.ConfigurationException("--all-envs and --fleet each name the databases;"
                        + " use one of them (a fleet file may list environments: env = \"staging\")");
            }
            return FleetRun.run(parent, dev.strata.fleet.FleetCommand.status(), fleet, 0, json);
        }
        FleetRun.refuseStray(fleet, 0);
        if (allEnvironments) {
            return AllEnvironmentsStatus.print(
                    parent.environments("status --all-envs").status(), json, parent.console());
        }
        StatusReport report = parent.strata().status();
        if (json) {
            parent.console().out(Json.write(report.document()));
        } else {
            printTable(report);
        }
        return ExitCodes.OK;
    }

    private void printTable(StatusReport report) {
        Console console = parent.console();
        console.out("Database: " + report.database());
        for (ForeignHistory other : report.foreign()) {
            console.out("Found the history of " + other.shown() + ": "
                    + Output.plural(other.rows().size(), "row")
                    + ", not recorded by strata yet. Run 'strata adopt' to take it over; 'strata migrate' refuses"
                    + " until then, so that nothing runs twice.");
        }
        if (report.migrations().isEmpty()) {
            console.out("No migrations yet. Create one with 'strata new NAME'.");
            printCallbacks(report, console);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "NAME", "STATE", "APPLIED AT", "TIME"});
        for (MigrationStatus row : report.migrations()) {
            rows.add(new String[] {
                row.version().text(),
                row.name(),
                row.state().label() + (row.outOfOrder() ? " (out of order)" : "") + contractNote(report, row),
                row.appliedAt().map(TIME::format).orElse(""),
                row.executionMs().map(ms -> ms + " ms").orElse("")
            });
        }
        TextColumns.print(rows, console);
        List<String> counts = new ArrayList<>();
        for (MigrationState state : MigrationState.values()) {
            long count = report.count(state);
            if (count > 0) {
                counts.add(count + " " + state.label());
            }
        }
        console.out(String.join(", ", counts));
        for (ExpandContract.PairStatus expanded : report.expanded()) {
            ExpandContract.Pair pair = expanded.pair();
            console.out("Expanded, not contracted: "
                    + pair.expandFile().map(m -> m.label()).orElse(pair.expand().text())
                    + " is applied, so the old and the new column are both live and kept in step; "
                    + pair.contract().label() + " finishes the change. Run 'strata migrate --contract' once every"
                    + " running application uses the new column.");
        }
        printCallbacks(report, console);
    }

    /** {@code (contract of 0002)} for a contract migration that is not applied yet. */
    private static String contractNote(StatusReport report, MigrationStatus row) {
        if (row.state() != MigrationState.PENDING) {
            return "";
        }
        return report.pairs().stream()
                .filter(p -> p.pair().contract().version().sameAs(row.version()))
                .findFirst()
                .map(p -> " (contract of " + p.pair().expand().text() + ")")
                .orElse("");
    }

    /** The SQL callbacks: they run with every migrate, so whoever reads the state should know of them. */
    private static void printCallbacks(StatusReport report, Console console) {
        if (report.callbacks().isEmpty()) {
            return;
        }
        console.out("Callbacks (run by migrate, never recorded):");
        List<String[]> rows = new ArrayList<>();
        for (CallbackFile callback : report.callbacks()) {
            rows.add(new String[] {"  " + callback.event().id(), callback.source()});
        }
        TextColumns.print(rows, console);
    }
}
