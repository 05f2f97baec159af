package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.rehearse.RehearsalMarkdown;
import dev.strata.rehearse.RehearsalReport;
import dev.strata.rehearse.RehearsalReport.Step;
import dev.strata.report.GeneratedFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "rehearse",
        description = {
            "Run the pending migrations on a copy of the database, and report what each one did there.",
            "",
            "The copy is made with the engine's own tools: SQLite's online backup into a temporary file;"
                    + " on PostgreSQL CREATE DATABASE ... TEMPLATE when no other session is connected, otherwise"
                    + " pg_dump and a restore into a throwaway database; on remote D1 its export loaded into a"
                    + " temporary SQLite file (SQLite is the engine D1 runs, but D1's limits, such as 30 s per"
                    + " batch, and its timings are not reproduced; what D1 refuses while planning is asked of the"
                    + " live database by a dry run first). The pending migrations then run on the copy exactly"
                    + " as migrate would run them, lint gate included, and the copy is dropped.",
            "",
            "For each migration: its time, the rows before and after of every table whose schema or row"
                    + " count it changed, and (PostgreSQL) the table locks its session was seen holding."
                    + " A migration that fails on the real rows (a -- strata:verify check, a CAST of a text"
                    + " that is not a number) is reported with the database's message. The database itself is"
                    + " only read. Exit 1 when a migration failed on the copy: the real run would fail too."
        },
        footer = {
            "",
            "Examples:",
            "  strata rehearse",
            "  strata --env prod rehearse --report rehearsal.md",
            "  strata --env staging rehearse --json"
        },
        mixinStandardHelpOptions = true)
public final class RehearseCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--json", description = "Print the report as JSON for machines.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write the report as Markdown to FILE, for a pull request or a change ticket.")
    Path report;

    @Override
    public Integer call() {
        Console console = parent.console();
        dev.strata.Strata strata = parent.strata(new ProgressPrinter(console));
        RehearsalReport result = strata.rehearse();
        if (report != null) {
            Path projectDir = strata.config().projectDir();
            Path file = Output.resolve(projectDir, report);
            new GeneratedFile(file, RehearsalMarkdown.of(result)).write();
            console.err("strata: wrote " + Output.display(projectDir, file));
        }
        if (json) {
            console.out(Json.write(toJson(result)));
        } else {
            text(result).forEach(console::out);
        }
        return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static List<String> text(RehearsalReport result) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Rehearsed on " + result.copy().description() + " of " + result.database() + " (copied in "
                + RehearsalMarkdown.millis(result.copy().took()) + "); the database itself was only read.");
        if (result.pending() == 0) {
            lines.add("Nothing is pending: there was nothing to rehearse.");
        }
        for (Step step : result.steps()) {
            lines.add("  " + step.migration() + "  " + RehearsalMarkdown.millis(step.took()));
            step.tables().forEach(rows -> lines.add("      rows: " + RehearsalMarkdown.rows(rows)));
            step.locks().forEach(lock -> lines.add("      lock: " + lock));
        }
        result.failure().ifPresent(failure -> {
            lines.add(
                    failure.refusedOnLive()
                            ? "migrate would refuse the run on " + result.database() + "; nothing ran on the copy:"
                            : failure.migration() + " failed on the copy; the real run would stop there:");
            failure.message().lines().forEach(line -> lines.add("  " + line));
        });
        if (result.succeeded() && result.pending() > 0) {
            lines.add("All " + Output.plural(result.pending(), "pending migration") + " ran on the copy.");
        }
        return lines;
    }

    private static Map<String, Object> toJson(RehearsalReport result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", result.database());
        document.put("copy", result.copy().description());
        document.put("copyMs", result.copy().took().toMillis());
        document.put("pending", result.pending());
        document.put("succeeded", result.succeeded());
        document.put(
                "migrations",
                result.steps().stream()
                        .map(step -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("migration", step.migration());
                            item.put("ms", step.took().toMillis());
                            item.put(
                                    "tables",
                                    step.tables().stream()
                                            .map(rows -> {
                                                Map<String, Object> table = new LinkedHashMap<>();
                                                table.put("table", rows.table());
                                                table.put("rowsBefore", rows.before() < 0 ? null : rows.before());
                                                table.put("rowsAfter", rows.after() < 0 ? null : rows.after());
                                                return table;
                                            })
                                            .toList());
                            item.put("locks", step.locks());
                            return item;
                        })
                        .toList());
        document.put(
                "failure",
                result.failure()
                        .map(failure -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("migration", failure.migration());
                            item.put("message", failure.message());
                            item.put("refusedOnLive", failure.refusedOnLive());
                            return item;
                        })
                        .orElse(null));
        return document;
    }
}
