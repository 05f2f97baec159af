package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.MigrationListener;
import dev.strata.runlog.RunEntry;
import dev.strata.runlog.RunLog;
import dev.strata.runlog.RunStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "log",
        description = {
            "Show the run log: who changed which database, when, with what.",
            "",
            "Every run of migrate, down, baseline, adopt, repair, restore, seed and reset appends one JSON line"
                    + " to strata-runs.log in the project folder (or the file [log] path names in strata.toml):"
                    + " when, the OS user and database user, the host, the environment, the command, the strata"
                    + " version, each migration with its checksum, time and outcome, and the backup taken. Failed"
                    + " runs are logged with their message. Passwords never appear. [log] enabled = false keeps no"
                    + " log. Runs that changed nothing (nothing pending, dry runs) write no line.",
            "",
            "log prints the newest runs last, as a table, or the lines themselves with --json."
        },
        footer = {
            "",
            "Examples:",
            "  strata log                        the last 20 runs",
            "  strata log --env prod --limit 5   the last 5 runs on prod",
            "  strata log --json                 every line, for machines"
        },
        mixinStandardHelpOptions = true)
public final class LogCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--env", paramLabel = "NAME", description = "Only runs on environment NAME.")
    String environment;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Show the newest N runs (default 20; 0 shows all).",
            defaultValue = "20")
    int limit;

    @Option(names = "--json", description = "Print the runs as a JSON array of the log's lines.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new ConfigurationException("--limit " + limit + " is negative; give a number of runs, or 0 for all");
        }
        Console console = parent.console();
        RunLog.Contents contents = parent.load(MigrationListener.SILENT).runs();
        List<RunEntry> entries = contents.entries().stream()
                .filter(e -> environment == null
                        || e.environment().filter(environment::equals).isPresent())
                .toList();
        if (limit > 0 && entries.size() > limit) {
            entries = entries.subList(entries.size() - limit, entries.size());
        }
        if (contents.unreadable() > 0) {
            console.err("strata: skipped " + Output.plural(contents.unreadable(), "line") + " of " + contents.file()
                    + " that are not run entries");
        }
        if (json) {
            console.out(Json.write(entries.stream().map(LogCommand::document).toList()));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            console.out("No runs logged" + (environment == null ? "" : " on " + environment) + " in " + contents.file()
                    + ".");
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"WHEN (UTC)", "ENV", "COMMAND", "OUTCOME", "WHO", "MIGRATIONS", "DETAIL"});
        for (RunEntry entry : entries) {
            rows.add(new String[] {
                entry.at().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                entry.environment().orElse("-"),
                entry.command(),
                entry.outcome(),
                entry.osUser() + "@" + entry.host(),
                migrations(entry.migrations()),
                entry.message().or(entry::backup).or(entry::bookmark).orElse(String.join(", ", entry.files()))
            });
        }
        TextColumns.print(rows, console);
        return ExitCodes.OK;
    }

    private static String migrations(List<RunStep> steps) {
        if (steps.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (RunStep step : steps) {
            parts.add(step.version() + (step.outcome().equals(RunStep.APPLIED) ? "" : " " + step.outcome()));
        }
        return String.join(", ", parts);
    }

    private static Map<String, Object> document(RunEntry entry) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", entry.at().toString());
        line.put("os_user", entry.osUser());
        line.put("database_user", entry.databaseUser());
        line.put("host", entry.host());
        line.put("environment", entry.environment().orElse(null));
        line.put("database", entry.database());
        line.put("command", entry.command());
        line.put("strata_version", entry.strataVersion());
        line.put("outcome", entry.outcome());
        line.put("message", entry.message().orElse(null));
        line.put(
                "migrations",
                entry.migrations().stream()
                        .map(step -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("version", step.version());
                            item.put("name", step.name());
                            item.put("checksum", step.checksum());
                            item.put("ms", step.ms());
                            item.put("outcome", step.outcome());
                            return item;
                        })
                        .toList());
        line.put("files", entry.files());
        line.put("backup", entry.backup().orElse(null));
        line.put("bookmark", entry.bookmark().orElse(null));
        return line;
    }
}
