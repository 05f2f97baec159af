package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.inspect.PlanReport;
import dev.strata.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "plan",
        description = {
                "Show what migrate would do: each pending migration's SQL and the schema change it makes.",
                "",
                "The changes are computed by running the migrations on a throwaway shadow database, not guessed",
                "from the SQL: '+ table threads (7 columns)', '~ events.amount type TEXT -> REAL',",
                "'- index ix_price', '~ fk events.user_id on delete CASCADE -> RESTRICT'. The output is valid SQL",
                "(the changes are comments). Reads only; migrate would refuse for the same reasons plan does."},
        footer = {
                "",
                "Examples:",
                "  strata plan",
                "  strata --env staging plan --json"},
        mixinStandardHelpOptions = true)
public final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--json", description = "Print {\"migrations\":[{...,\"statements\",\"changes\"}]} for machines.")
    boolean json;

    @Override
    public Integer call() {
        Console console = parent.console();
        PlanReport report = parent.strata().plan();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", report.database());
            document.put("migrations", report.steps().stream().map(PlanCommand::toJson).toList());
            console.out(Json.write(document));
            return ExitCodes.OK;
        }
        if (report.steps().isEmpty()) {
            console.out("-- nothing to apply: " + report.database() + " is up to date.");
            return ExitCodes.OK;
        }
        for (PlanReport.Step step : report.steps()) {
            console.out("-- " + step.migration().label() + " (" + step.migration().upSource() + ")"
                    + (step.script().transactional() ? ", in one transaction" : ", statement by statement"));
            if (step.changes().isEmpty()) {
                console.out("--   no schema change");
            }
            step.changes().forEach(change -> console.out("--   " + change.describe()));
            for (Statement statement : step.script().statements()) {
                console.out(statement.sql() + ";");
            }
            console.out("");
        }
        long changes = report.steps().stream().mapToLong(step -> step.changes().size()).sum();
        console.out("-- plan: " + Output.plural(report.steps().size(), "migration") + " would make "
                + Output.plural(changes, "schema change") + " to " + report.database() + "; nothing was changed.");
        return ExitCodes.OK;
    }

    private static Map<String, Object> toJson(PlanReport.Step step) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("version", step.migration().version().text());
        item.put("name", step.migration().name());
        item.put("file", step.migration().upSource());
        item.put("transactional", step.script().transactional());
        List<Map<String, Object>> statements = step.script().statements().stream().map(statement -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("line", statement.line());
            one.put("sql", statement.sql());
            return one;
        }).toList();
        item.put("statements", statements);
        item.put("changes", step.changes().stream().map(change -> Output.change(change, "before", "after")).toList());
        return item;
    }
}
