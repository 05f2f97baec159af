package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.advise.AdviceReport;
import dev.strata.advise.Finding;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "advise",
        description = {
            "Find indexes that cost more than they serve, and foreign keys no index serves.",
            "",
            "duplicate-index: two indexes with the same keys. redundant-prefix-index: an index whose"
                    + " keys start a longer one. fk-without-index: a foreign key whose columns start no index."
                    + " unused-index: never used since the statistics were reset (PostgreSQL)."
                    + " write-amplification: a table with more than 5 indexes. Reads only; exit 1 when there"
                    + " is advice. --write-migration writes the fixes of the first three as a new reversible"
                    + " migration (CONCURRENTLY on PostgreSQL); the others need a person."
        },
        footer = {
            "",
            "Examples:",
            "  strata advise",
            "  strata --env prod advise --json",
            "  strata advise --write-migration && strata migrate"
        },
        mixinStandardHelpOptions = true)
public final class AdviseCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--json", description = "Print {\"ok\":...,\"findings\":[...]} for machines.")
    boolean json;

    @Option(names = "--write-migration", description = "Write the automatic fixes as a new migration.")
    boolean writeMigration;

    @Option(
            names = "--from-migrations",
            description = "Advise on the schema the migration files produce (on a shadow database).")
    boolean fromMigrations;

    @Override
    public Integer call() {
        Strata strata = parent.strata();
        AdviceReport report = strata.advise(fromMigrations);
        List<Path> written = writeMigration ? strata.writeAdviceMigration(report) : List.of();
        Console console = parent.console();
        if (json) {
            console.out(Json.write(toJson(report, written, strata.config().projectDir())));
        } else {
            print(console, report, written, strata.config().projectDir());
        }
        if (writeMigration && !written.isEmpty()) {
            return ExitCodes.OK;
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void print(Console console, AdviceReport report, List<Path> written, Path projectDir) {
        console.out("Database: " + report.database());
        if (report.ok()) {
            console.out("No index advice: no duplicate or redundant index, every foreign key has an index.");
            return;
        }
        for (Finding finding : report.findings()) {
            console.out(finding.id() + ": " + finding.message());
            if (finding.fix() != null) {
                console.out("    " + (finding.automatic() ? "fix: " : "if so: ") + finding.fix() + ";");
            }
        }
        int automatic = report.automatic().size();
        String summary = Output.plural(report.findings().size(), "finding");
        if (!written.isEmpty()) {
            console.out(summary + "; " + Output.plural(automatic, "fix") + " written to "
                    + Output.display(projectDir, written.get(0)) + " (with its down script). Review it, then run"
                    + " 'strata migrate'.");
        } else if (automatic > 0) {
            console.out(summary + "; 'strata advise --write-migration' writes " + Output.plural(automatic, "fix")
                    + " as a new migration.");
        } else {
            console.out(summary + ".");
        }
    }

    private static Map<String, Object> toJson(AdviceReport report, List<Path> written, Path projectDir) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", report.database());
        document.put("ok", report.ok());
        document.put("statistics_since", report.usageSince());
        document.put(
                "findings",
                report.findings().stream()
                        .map(finding -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("id", finding.id());
                            item.put("table", finding.table());
                            item.put("index", finding.index());
                            item.put("message", finding.message());
                            item.put("fix", finding.fix());
                            item.put("automatic", finding.automatic());
                            return item;
                        })
                        .toList());
        document.put(
                "written",
                written.stream().map(path -> Output.display(projectDir, path)).toList());
        return document;
    }
}
