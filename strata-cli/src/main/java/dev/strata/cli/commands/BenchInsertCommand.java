package dev.strata.cli.commands;

import dev.strata.advise.InsertBenchReport;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "bench-insert",
        description = {
            "Measure what TABLE's indexes cost its INSERTs, on a copy of its schema.",
            "",
            "Copies TABLE's columns, keys, checks and indexes (never its rows) into a throwaway"
                    + " database (SQLite: in memory; PostgreSQL: a new database on the same server, which"
                    + " needs CREATEDB), inserts the same generated rows with every index and without the ones"
                    + " named by --without-index, alternating 3 runs of each, and prints the median rows per"
                    + " second of each and the difference in percent."
        },
        footer = {
            "",
            "Examples:",
            "  strata bench-insert market_data --without-index ix_market_data_timestamp",
            "  strata --env staging bench-insert alert_logs --rows 50000 \\",
            "      --without-index ix_alert_logs_status --json"
        },
        mixinStandardHelpOptions = true)
public final class BenchInsertCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(index = "0", paramLabel = "TABLE", description = "The table, as NAME or SCHEMA.NAME.")
    String table;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Rows inserted per run (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(
            names = "--without-index",
            paramLabel = "NAME",
            description = "An index to leave out of the second variant; repeat for several.")
    List<String> without = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"with\":...,\"without\":...} for machines.")
    boolean json;

    @Override
    public Integer call() {
        InsertBenchReport report = parent.strata().benchInsert(table, rows, without);
        Console console = parent.console();
        if (json) {
            console.out(Json.write(toJson(report)));
            return ExitCodes.OK;
        }
        console.out("Table " + report.table() + " of " + report.database() + ", its schema copied into "
                + report.copiedTo() + ": " + number(report.rows()) + " generated rows per run, "
                + report.runs() + " runs of each, medians:");
        String withLabel = "with its " + Output.plural(report.indexes().size(), "index");
        String withoutLabel = report.without().isEmpty()
                ? "without any index left out (no --without-index)"
                : "without " + String.join(", ", report.without());
        int width = Math.max(withLabel.length(), withoutLabel.length()) + 2;
        console.out(String.format(Locale.ROOT, "  %-" + width + "s %,12.0f rows/s", withLabel, report.rowsPerSecond()));
        console.out(String.format(
                Locale.ROOT,
                "  %-" + width + "s %,12.0f rows/s  %+.1f%%",
                withoutLabel,
                report.rowsPerSecondWithout(),
                report.differencePercent()));
        report.notes().forEach(note -> console.err("strata: note: " + note));
        return ExitCodes.OK;
    }

    private static Map<String, Object> toJson(InsertBenchReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", report.database());
        document.put("copied_to", report.copiedTo());
        document.put("table", report.table());
        document.put("rows", report.rows());
        document.put("runs", report.runs());
        Map<String, Object> with = new LinkedHashMap<>();
        with.put("indexes", report.indexes());
        with.put("rows_per_second", Math.round(report.rowsPerSecond()));
        Map<String, Object> without = new LinkedHashMap<>();
        without.put("indexes_left_out", report.without());
        without.put("rows_per_second", Math.round(report.rowsPerSecondWithout()));
        document.put("with", with);
        document.put("without", without);
        document.put("difference_percent", Math.round(report.differencePercent() * 10) / 10.0);
        document.put("notes", report.notes());
        return document;
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
