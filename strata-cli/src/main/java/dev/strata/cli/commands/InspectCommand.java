package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.costs.CostReport;
import dev.strata.costs.CostReport.IndexCost;
import dev.strata.costs.CostReport.TableCost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "inspect",
        description = {
            "Show what the database costs: table and index sizes, rows, index use and connections.",
            "",
            "Tables and indexes come biggest first. PostgreSQL: sizes from pg_table_size and"
                    + " pg_indexes_size, the planner's row estimates, index scans and dead rows from its"
                    + " statistics (indexes never scanned and tables whose dead rows outgrow what autovacuum"
                    + " allows are marked), and the server's connections by database and state. SQLite: sizes"
                    + " from its dbstat table, rows counted; SQLite records no index use. Reads only."
        },
        footer = {"", "Examples:", "  strata inspect", "  strata --env prod inspect --top 5", "  strata inspect --json"
        },
        mixinStandardHelpOptions = true)
public final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--json", description = "Print every table, index and connection count as JSON for machines.")
    boolean json;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "20",
            description = "Show the N biggest tables and indexes (default: ${DEFAULT-VALUE}); --json lists all.")
    int top;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new dev.strata.config.ConfigurationException("--top " + top + ": give 1 or more.");
        }
        Console console = parent.console();
        CostReport report = parent.strata().costs();
        if (json) {
            console.out(Json.write(toJson(report)));
        } else {
            text(report, top).forEach(console::out);
        }
        return ExitCodes.OK;
    }

    static List<String> text(CostReport report, int top) {
        List<String> lines = new ArrayList<>();
        lines.add(report.database());
        lines.add("");
        lines.add(String.format("%-40s %12s %10s %10s %10s", "table", "rows", "size", "indexes", "dead rows"));
        for (TableCost table :
                report.tables().subList(0, Math.min(top, report.tables().size()))) {
            lines.add(String.format(
                    "%-40s %12d %10s %10s %10s%s",
                    table.name(),
                    table.rows(),
                    bytes(table.bytes()),
                    bytes(table.indexBytes()),
                    table.deadRows().isPresent()
                            ? Long.toString(table.deadRows().getAsLong())
                            : "-",
                    table.vacuumTrouble() ? "  vacuum is behind" : ""));
        }
        more(lines, report.tables().size(), top, "table");
        lines.add("");
        lines.add(String.format("%-40s %-30s %10s %10s", "index", "on", "size", "scans"));
        for (IndexCost index :
                report.indexes().subList(0, Math.min(top, report.indexes().size()))) {
            lines.add(String.format(
                    "%-40s %-30s %10s %10s%s",
                    index.name(),
                    index.table(),
                    bytes(index.bytes()),
                    index.scans().isPresent() ? Long.toString(index.scans().getAsLong()) : "-",
                    index.scans().isPresent() && index.scans().getAsLong() == 0 ? "  never scanned" : ""));
        }
        more(lines, report.indexes().size(), top, "index");
        if (!report.connections().isEmpty()) {
            lines.add("");
            lines.add(String.format("%-30s %-30s %8s", "connections to", "state", "count"));
            report.connections()
                    .forEach(
                            c -> lines.add(String.format("%-30s %-30s %8d", c.database(), c.state(), c.connections())));
        }
        lines.add("");
        report.notes().forEach(note -> lines.add("note: " + note));
        return lines;
    }

    private static void more(List<String> lines, int size, int top, String noun) {
        if (size > top) {
            lines.add("... and " + Output.plural(size - top, noun.equals("index") ? "more index" : "more " + noun)
                    + " (--top " + size + " or --json shows all)");
        }
    }

    /** 1536 → {@code 1.5 KB}: powers of 1024, one decimal. */
    static String bytes(OptionalLong bytes) {
        if (bytes.isEmpty()) {
            return "-";
        }
        double value = bytes.getAsLong();
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0
                ? bytes.getAsLong() + " B"
                : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static Map<String, Object> toJson(CostReport report) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("database", report.database());
        document.put(
                "tables",
                report.tables().stream()
                        .map(t -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("name", t.name());
                            item.put("rows", t.rows());
                            item.put("bytes", value(t.bytes()));
                            item.put("indexBytes", value(t.indexBytes()));
                            item.put("deadRows", value(t.deadRows()));
                            item.put("liveRows", value(t.liveRows()));
                            item.put("vacuumTrouble", t.vacuumTrouble());
                            return item;
                        })
                        .toList());
        document.put(
                "indexes",
                report.indexes().stream()
                        .map(i -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("name", i.name());
                            item.put("table", i.table());
                            item.put("bytes", value(i.bytes()));
                            item.put("scans", value(i.scans()));
                            return item;
                        })
                        .toList());
        document.put(
                "connections",
                report.connections().stream()
                        .map(c -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("database", c.database());
                            item.put("state", c.state());
                            item.put("connections", c.connections());
                            return item;
                        })
                        .toList());
        document.put("notes", report.notes());
        return document;
    }

    private static Long value(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
