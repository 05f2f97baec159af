package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.ValidationProblem;
import dev.strata.engine.ValidationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "validate",
        description = {
            "Check everything migrate would check, and list every problem.",
            "",
            "File names and duplicate versions, files edited after they were applied, applied"
                    + " migrations whose file is gone, failed migrations, pending versions below the highest"
                    + " applied one, and every pending or down file that does not parse. Reads only. Exit 1"
                    + " when anything is wrong.",
            "",
            "--fleet FILE validates every database FILE lists (see README, 'Many databases at once'),"
                    + " N at a time (--parallel, default the number of cores), then prints one table of target,"
                    + " result, applied, pending, failed and time (--json: the same as a document), also written"
                    + " to strata-fleet-last.json next to FILE; --retry-failed runs only the targets not ok there."
                    + " Exit 0 when every target is ok, 1 when any is not, 2 when the fleet file is wrong."
        },
        footer = {"", "Examples:", "  strata validate", "  strata validate --fleet fleet.toml --json"},
        mixinStandardHelpOptions = true)
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(names = "--out-of-order", description = "Accept pending migrations below the highest applied version.")
    boolean outOfOrder;

    @Option(names = "--json", description = "Print {\"ok\":...,\"problems\":[...]} for machines.")
    boolean json;

    @Override
    public Integer call() {
        if (fleet.present()) {
            return FleetRun.run(parent, dev.strata.fleet.FleetCommand.validate(outOfOrder), fleet, 0, json);
        }
        FleetRun.refuseStray(fleet, 0);
        ValidationReport report = parent.strata().validate(outOfOrder);
        Console console = parent.console();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", report.database());
            document.put("ok", report.ok());
            document.put("migrations", report.migrations());
            document.put(
                    "problems",
                    report.problems().stream()
                            .map(p -> {
                                Map<String, Object> problem = new LinkedHashMap<>();
                                problem.put("kind", p.kind());
                                problem.put("message", p.message());
                                return problem;
                            })
                            .toList());
            console.out(Json.write(document));
        } else if (report.ok()) {
            console.out("OK: " + Output.plural(report.migrations(), "migration") + " checked against "
                    + report.database() + "; no problems.");
        } else {
            List<ValidationProblem> problems = report.problems();
            for (ValidationProblem problem : problems) {
                console.out("error: " + problem.message());
            }
            console.out(Output.plural(problems.size(), "problem") + " found.");
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
