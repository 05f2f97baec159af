package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.inspect.PlanReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "plan",
        description = {
            "Show what migrate would do: each pending migration's SQL and the schema change it makes.",
            "",
            "The changes are computed by running the migrations on a throwaway shadow database, not"
                    + " guessed from the SQL: '+ table threads (7 columns)', '~ events.amount type TEXT ->"
                    + " REAL', '- index ix_price', '~ fk events.user_id on delete CASCADE -> RESTRICT'. The"
                    + " output is valid SQL (the changes are comments). Reads only; migrate would refuse for"
                    + " the same reasons plan does."
        },
        footer = {"", "Examples:", "  strata plan", "  strata --env staging plan --json"},
        mixinStandardHelpOptions = true)
public final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--json",
            description = "Print {\"migrations\":[{...,\"statements\",\"changes\"}],\"findings\",\"refusal\"} for"
                    + " machines.")
    boolean json;

    @Override
    public Integer call() {
        Console console = parent.console();
        dev.strata.Strata strata = parent.strata();
        PlanReport report = strata.plan();
        // plan takes no options of migrate's, so the transaction mode it shows is the configuration's.
        boolean single = strata.config().singleTransaction();
        PlanListing listing = new PlanListing(
                report.steps().stream()
                        .map(step -> new PlanListing.Step(
                                step.migration(), step.script(), Optional.empty(), Optional.of(step.changes())))
                        .toList(),
                report.findings());
        int exit = report.refusal().isPresent() ? ExitCodes.FAILED : ExitCodes.OK;
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", report.database());
            document.put("single_transaction", single);
            document.put("migrations", listing.json());
            document.put("findings", listing.findingsJson());
            document.put(
                    "refusal",
                    report.refusal()
                            .map(reason -> "migrate would refuse: " + reason)
                            .orElse(null));
            console.out(Json.write(document));
            return exit;
        }
        if (report.steps().isEmpty()) {
            console.out("-- nothing to apply: " + report.database() + " is up to date.");
            return ExitCodes.OK;
        }
        listing.print(console);
        long changes =
                report.steps().stream().mapToLong(step -> step.changes().size()).sum();
        console.out(report.refusal()
                .map(reason -> "-- plan: migrate would refuse: " + reason + "; nothing was changed.")
                .orElse("-- plan: " + Output.plural(report.steps().size(), "migration") + " would make "
                        + Output.plural(changes, "schema change") + " to " + report.database()
                        + (single ? " in one transaction (single_transaction = true): all of them or none" : "")
                        + "; nothing was changed."));
        return exit;
    }
}
