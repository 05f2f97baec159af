package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.inspect.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        description = {
            "Check the health of the database.",
            "",
            "SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL: INVALID indexes and"
                    + " NOT VALID constraints. Both: migrations that failed part-way, and every table and"
                    + " index the applied migrations define (computed on a throwaway shadow database) must"
                    + " exist. Reads only. Exit 1 on any problem.",
            "",
            "--fleet FILE checks every database FILE lists (see README, 'Many databases at once'),"
                    + " N at a time (--parallel, default the number of cores), then prints one table of target,"
                    + " result, applied, pending, failed and time (--json: the same as a document), also written"
                    + " to strata-fleet-last.json next to FILE; --retry-failed runs only the targets not ok there."
                    + " Exit 0 when every target is ok, 1 when any is not, 2 when the fleet file is wrong.",
            "A target that is one PostgreSQL schema of a database (schema = \"tenant_*\") is checked as"
                    + " that schema alone: its missing objects, INVALID indexes and NOT VALID constraints."
        },
        footer = {
            "",
            "Examples:",
            "  strata check",
            "  strata --env prod check --json",
            "  strata check --fleet fleet.toml --parallel 4"
        },
        mixinStandardHelpOptions = true)
public final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(names = "--json", description = "Print {\"ok\":...,\"problems\":[...]} for machines.")
    boolean json;

    @Override
    public Integer call() {
        if (fleet.present()) {
            return FleetRun.run(parent, dev.strata.fleet.FleetCommand.check(), fleet, 0, json);
        }
        FleetRun.refuseStray(fleet, 0);
        Console console = parent.console();
        HealthReport report = parent.strata().check();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", report.database());
            document.put("ok", report.ok());
            document.put("migrations", report.migrations());
            document.put(
                    "problems",
                    report.problems().stream()
                            .map(problem -> {
                                Map<String, Object> item = new LinkedHashMap<>();
                                item.put("kind", problem.kind());
                                item.put("message", problem.message());
                                return item;
                            })
                            .toList());
            document.put("notCompared", Output.notComparedJson(report.notCompared()));
            console.out(Json.write(document));
        } else if (report.ok()) {
            console.out("OK: " + report.database()
                    + " passed the engine's checks, and every table, virtual table and index of its "
                    + Output.plural(report.migrations(), "applied migration") + " exists.");
        } else {
            report.problems().forEach(problem -> console.out("problem (" + problem.kind() + "): " + problem.message()));
            console.out(Output.plural(report.problems().size(), "problem") + " found in " + report.database() + ".");
        }
        if (!json) {
            Output.notCompared(report.notCompared()).ifPresent(console::out);
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
