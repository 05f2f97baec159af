package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.explain.ExplainReport;
import dev.strata.explain.ExplainedQuery;
import dev.strata.explain.TableScan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "explain",
        description = {
            "Check that the queries of FILE use indexes: plan each one on the database.",
            "",
            "Runs EXPLAIN (SQLite: EXPLAIN QUERY PLAN) for every SELECT, INSERT, UPDATE, DELETE and"
                    + " WITH statement of FILE; nothing is executed. A query that reads a whole table of more"
                    + " than --max-scan-rows rows is a finding, named by its line with the index that would"
                    + " serve it. Other statements are skipped. Exit 1 on any finding, so CI can say: all"
                    + " queries use their indexes. Queries may hold parameters: ? on SQLite, $1 on PostgreSQL."
        },
        footer = {
            "",
            "Examples:",
            "  strata explain queries.sql",
            "  strata --env prod explain app/queries.sql --max-scan-rows 10000",
            "  strata explain queries.sql --json"
        },
        mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .sql file of queries, relative to -C DIR.")
    Path file;

    @Option(
            names = "--max-scan-rows",
            paramLabel = "N",
            defaultValue = "1000",
            description = "A full scan of a table with more rows than N is a finding (default: ${DEFAULT-VALUE}).")
    long maxScanRows;

    @Option(names = "--json", description = "Print {\"ok\":...,\"queries\":[...]} for machines.")
    boolean json;

    @Override
    public Integer call() {
        ExplainReport report = parent.strata().explain(file, maxScanRows);
        if (json) {
            parent.console().out(Json.write(toJson(report)));
        } else {
            print(report);
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void print(ExplainReport report) {
        Console console = parent.console();
        console.out("Database: " + report.database());
        for (ExplainedQuery query : report.queries()) {
            console.out((query.hasFinding() ? "error: " : "") + report.file() + ":" + query.line() + ": "
                    + query.firstLine());
            if (query.error() != null) {
                console.out("    could not plan it: " + query.error());
                continue;
            }
            query.plan().forEach(step -> console.out("    " + step));
            for (TableScan scan : query.fullScans()) {
                console.out("    full scan of " + scan.table() + " (" + count(scan.rows()) + " rows"
                        + (scan.overLimit() ? ", more than " + count(report.maxScanRows()) : "") + ")"
                        + (scan.suggestedIndex() != null
                                ? "; an index would serve it:"
                                : "; it filters on none of" + " its columns, so it reads the whole table by design"));
                if (scan.suggestedIndex() != null) {
                    console.out("        " + scan.suggestedIndex() + ";");
                }
            }
        }
        report.skipped().forEach(skipped -> console.err("strata: skipped (not a query): " + skipped));
        int queries = report.queries().size();
        String summary = queries + (queries == 1 ? " query" : " queries") + " planned";
        console.out(
                report.ok()
                        ? summary + "; every table above " + count(report.maxScanRows())
                                + " rows is read through an index."
                        : summary + "; " + Output.plural(report.findings(), "finding") + ".");
    }

    private static Map<String, Object> toJson(ExplainReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", report.database());
        document.put("file", report.file());
        document.put("max_scan_rows", report.maxScanRows());
        document.put("ok", report.ok());
        document.put(
                "queries",
                report.queries().stream()
                        .map(query -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("line", query.line());
                            item.put("sql", query.sql());
                            item.put("plan", query.plan());
                            item.put("error", query.error());
                            item.put(
                                    "full_scans",
                                    query.fullScans().stream()
                                            .map(scan -> {
                                                Map<String, Object> s = new LinkedHashMap<>();
                                                s.put("table", scan.table());
                                                s.put("rows", scan.rows());
                                                s.put("over_limit", scan.overLimit());
                                                s.put("suggested_index", scan.suggestedIndex());
                                                return s;
                                            })
                                            .toList());
                            item.put("finding", query.hasFinding());
                            return item;
                        })
                        .toList());
        document.put("skipped", report.skipped());
        return document;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
