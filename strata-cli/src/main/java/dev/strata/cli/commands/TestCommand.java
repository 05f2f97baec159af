package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.MigrationListener;
import dev.strata.verify.RollbackReport;
import dev.strata.verify.RollbackResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "test",
        description = {
            "Prove that every down script undoes its migration, on a shadow database.",
            "",
            "Runs the migrations in order on a throwaway database of the same engine (or"
                    + " shadow_url). For each one with a down script: up, down, then the schema must equal the"
                    + " one before the up script (any difference is listed), then up again so the next"
                    + " migration meets the real schema. The database strata migrates is never touched. Exit 1"
                    + " when any down script fails."
        },
        footer = {"", "Examples:", "  strata test", "  strata --env ci test --json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every down script restored the schema",
            "1:a down script failed or left the schema different, or an up script failed",
            "2:usage or configuration error"
        },
        mixinStandardHelpOptions = true)
public final class TestCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--json", description = "Print {\"ok\",\"shadow\",\"migrations\":[...]} for machines.")
    boolean json;

    @Override
    public Integer call() {
        Console console = parent.console();
        RollbackReport report = parent.load(MigrationListener.SILENT).testRollbacks();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", report.ok());
            document.put("shadow", report.shadow());
            document.put(
                    "migrations",
                    report.results().stream().map(TestCommand::toJson).toList());
            console.out(Json.write(document));
        } else {
            for (RollbackResult result : report.results()) {
                String label = result.version() + (result.name().isEmpty() ? "" : "_" + result.name());
                switch (result.status()) {
                    case PASSED -> console.out("ok       " + label + ": down restores the schema, up applies again");
                    case NO_DOWN ->
                        console.out("no down  " + label
                                + result.error().map(why -> ": " + why).orElse(""));
                    case NOT_RUN -> console.out("not run  " + label + ": an earlier up script failed");
                    case FAILED -> {
                        console.out("FAILED   " + label + " (" + result.file() + ")"
                                + (result.differences().isEmpty()
                                        ? ""
                                        : ": after its down script the schema"
                                                + " differs from the one before its up script:"));
                        result.differences().forEach(d -> console.out("           " + d));
                        result.error().ifPresent(e -> console.out("           " + e.replace("\n", "\n           ")));
                    }
                }
            }
            long tested = report.results().size()
                    - report.count(RollbackResult.Status.NO_DOWN)
                    - report.count(RollbackResult.Status.NOT_RUN);
            console.out((report.ok() ? "OK: " : "") + Output.plural(tested, "down script") + " tested on "
                    + report.shadow() + "; " + Output.plural(report.count(RollbackResult.Status.FAILED), "failure")
                    + ", " + report.count(RollbackResult.Status.NO_DOWN) + " without a down script.");
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static Map<String, Object> toJson(RollbackResult result) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("version", result.version());
        item.put("name", result.name());
        item.put("file", result.file());
        item.put("status", result.status().name().toLowerCase(Locale.ROOT));
        item.put("differences", result.differences());
        item.put("error", result.error().orElse(null));
        return item;
    }
}
