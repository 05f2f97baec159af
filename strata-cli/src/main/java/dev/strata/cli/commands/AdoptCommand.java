package dev.strata.cli.commands;

import dev.strata.adopt.Tool;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.AdoptResult;
import dev.strata.history.AppliedMigration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "adopt",
        description = {
            "Take over the history another migration tool keeps in the database.",
            "",
            "Reads the tool's table (wrangler d1: d1_migrations; SQLx: _sqlx_migrations; Flyway:"
                    + " flyway_schema_history; golang-migrate and dbmate: schema_migrations; diesel:"
                    + " __diesel_schema_migrations; Alembic: alembic_version), matches each migration it"
                    + " applied to a file, and records those in strata's history with the time the tool ran"
                    + " them. Nothing is run, and the tool's table is left as it is. Reports what it took"
                    + " over, what it could not match, and files edited since the tool ran them (where the"
                    + " tool keeps checksums: Flyway, SQLx). 'migrate' refuses to run on a database with"
                    + " another tool's history until it is adopted."
        },
        footer = {
            "",
            "Examples:",
            "  strata adopt",
            "  strata adopt --from flyway --dry-run",
            "  strata --env prod adopt --json"
        },
        mixinStandardHelpOptions = true)
public final class AdoptCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--from",
            paramLabel = "TOOL",
            description = "The tool to adopt from, when the database holds several histories: wrangler, sqlx,"
                    + " flyway, golang-migrate, dbmate, diesel, alembic.")
    String from;

    @Option(names = "--dry-run", description = "Show what would be recorded; write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON for machines.")
    boolean json;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Optional<Tool> tool = Optional.ofNullable(from)
                .map(name -> Tool.byId(name)
                        .orElseThrow(() -> new ConfigurationException(
                                "--from " + name + ": not a tool strata adopts from; use one of " + Tool.ids())));
        AdoptResult result = parent.strata().adopt(tool, dryRun);
        if (json) {
            Map<String, Object> document = toJson(result);
            document.put("duration_ms", RunJson.millisSince(start));
            parent.console().out(Json.write(document));
        } else {
            print(result);
        }
        return ExitCodes.OK;
    }

    private void print(AdoptResult result) {
        Console console = parent.console();
        String verb = result.dryRun() ? "Would adopt " : "Adopted ";
        console.out(verb + Output.plural(result.adopted().size(), "migration") + " from "
                + result.from().shown() + " on " + result.database()
                + (result.adopted().isEmpty() ? "." : ":"));
        for (AppliedMigration row : result.adopted()) {
            console.out("  " + row.label());
        }
        if (!result.unmatched().isEmpty()) {
            console.out("Not matched to a file (not recorded):");
            result.unmatched().forEach(line -> console.out("  " + line));
        }
        result.warnings().forEach(line -> console.out("warning: " + line));
        if (result.dryRun() && !result.adopted().isEmpty()) {
            console.out("Dry run: nothing was recorded.");
        }
    }

    private static Map<String, Object> toJson(AdoptResult result) {
        List<Map<String, Object>> adopted = new ArrayList<>();
        for (AppliedMigration row : result.adopted()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", row.version().text());
            item.put("name", row.name());
            item.put("applied_at", row.appliedAt().toString());
            adopted.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", result.database());
        document.put("tool", result.from().tool().id());
        document.put("table", result.from().table());
        document.put("dry_run", result.dryRun());
        document.put("adopted", adopted);
        document.put("unmatched", result.unmatched());
        document.put("warnings", result.warnings());
        return document;
    }
}
