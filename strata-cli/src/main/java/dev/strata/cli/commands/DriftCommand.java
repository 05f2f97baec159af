package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.inspect.DriftReport;
import dev.strata.schema.SchemaChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "drift",
        description = {
            "Compare the database with what its applied migrations should have produced.",
            "",
            "Replays the migrations the history records as applied on a throwaway shadow database"
                    + " and compares both catalogs: objects missing from the database, extra objects (made by"
                    + " hand), and changed ones (a column type, a default, an ON DELETE action), each named."
                    + " Reads only. Exit 1 when there is drift.",
            "",
            "--fleet FILE compares every database FILE lists (see README, 'Many databases at once'),"
                    + " N at a time (--parallel, default the number of cores), then prints one table of target,"
                    + " result, applied, pending, failed and time (--json: the same as a document), also written"
                    + " to strata-fleet-last.json next to FILE; --retry-failed runs only the targets not ok there."
                    + " Exit 0 when every target is ok, 1 when any is not, 2 when the fleet file is wrong.",
            "A target that is one PostgreSQL schema of a database (schema = \"tenant_*\") is compared as"
                    + " that schema alone: an extra column in tenant_07 is tenant_07's drift, not every tenant's."
        },
        footer = {
            "",
            "Examples:",
            "  strata drift                  list the differences",
            "  strata --env prod drift --json",
            "  strata drift --fleet fleet.toml"
        },
        mixinStandardHelpOptions = true)
public final class DriftCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(names = "--json", description = "Print {\"drift\":...,\"differences\":[...]} for machines.")
    boolean json;

    @Override
    public Integer call() {
        if (fleet.present()) {
            return FleetRun.run(parent, dev.strata.fleet.FleetCommand.drift(), fleet, 0, json);
        }
        FleetRun.refuseStray(fleet, 0);
        Console console = parent.console();
        DriftReport report = parent.strata().drift();
        report.notes().forEach(note -> console.err("strata: note: " + note));
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", report.database());
            document.put("migrations", report.migrations());
            document.put("drift", report.drifted());
            document.put(
                    "differences",
                    report.differences().stream().map(DriftCommand::toJson).toList());
            document.put("notes", report.notes());
            document.put("notCompared", Output.notComparedJson(report.notCompared()));
            console.out(Json.write(document));
        } else if (!report.drifted()) {
            console.out("No drift: " + report.database() + " matches its "
                    + Output.plural(report.migrations(), "applied migration") + ".");
        } else {
            console.out("Drift: " + report.database() + " differs from its "
                    + Output.plural(report.migrations(), "applied migration") + ":");
            report.differences().forEach(difference -> console.out("  " + DriftReport.describe(difference)));
            console.out(Output.plural(report.differences().size(), "difference") + ".");
        }
        if (!json) {
            Output.notCompared(report.notCompared()).ifPresent(console::out);
        }
        return report.drifted() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static Map<String, Object> toJson(SchemaChange difference) {
        Map<String, Object> item = Output.change(difference, "expected", "actual");
        item.put("change", DriftReport.label(difference));
        item.put("description", DriftReport.describe(difference));
        return item;
    }
}
