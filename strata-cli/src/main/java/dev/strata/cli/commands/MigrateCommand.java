package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.cli.TerminalConfirmation;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.environments.Confirmation;
import dev.strata.fleet.FleetCommand;
import dev.strata.source.Version;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "migrate",
        description = {
            "Apply pending migrations in version order.",
            "",
            "Every pending file is read, split and checked before the first one runs. Each migration"
                    + " and its history row commit in one transaction; a failing statement rolls its migration"
                    + " back, earlier ones stay applied. Concurrent runs on one database wait for each other"
                    + " and apply each migration once.",
            "",
            "With --single-transaction (or single_transaction = true in [migrations] of strata.toml, or in"
                    + " an environment), every pending migration and its history row commit in one"
                    + " transaction: either all of them are applied or none is, which is what a CI job or a"
                    + " fresh database wants, and it saves a commit per migration. It is refused before"
                    + " anything runs when a pending migration runs outside a transaction (marked"
                    + " no-transaction, or found to need it), uses '-- strata:foreign-keys off', or the"
                    + " database is D1.",
            "",
            "A '-- strata:backfill batch=1000 pause=50ms' line before an UPDATE ... SET ... WHERE ... in a"
                    + " no-transaction migration runs that UPDATE in batches of the table's key, each committed"
                    + " with its progress (shown on stderr: rows, rows per second, time left). The migration is"
                    + " recorded as applied after the last batch; after a kill or a failed batch, the next"
                    + " migrate goes on after the last committed one.",
            "",
            "With --env NAME (or strata.toml's default environment), that environment's settings" + " apply first:",
            "- requires = \"staging\": refuse any pending migration staging has not applied with the"
                    + " same checksum;",
            "- confirm = true: list what will be applied and ask (--yes answers for you);",
            "- backup = \"before-migrate\": take a backup before the first change (keep = N prunes old"
                    + " ones; on remote D1, print and record D1's Time Travel bookmark instead).",
            "",
            "The contract half of an expand/contract pair ('strata alter --online'; the file says"
                    + " '-- strata:contract-of VERSION') drops the old column, so migrate holds it back, and"
                    + " every migration after it, saying so on stderr: it runs only with --contract, and only"
                    + " after a run before this one applied its expand. A database with an empty history (a new"
                    + " one) gets the whole folder.",
            "",
            "--fleet FILE migrates on every database FILE lists (see README, 'Many databases at once'):"
                    + " N at a time (--parallel), one live line per running target on a terminal, then a table"
                    + " of target, result, applied, pending, failed and time (--json: the same as a document)."
                    + " The summary is also written to strata-fleet-last.json next to FILE as targets finish;"
                    + " --retry-failed runs only the targets that are not ok there. Exit 0 when every target is"
                    + " ok, 1 when any failed or did not run, 2 when the fleet file is wrong (nothing ran).",
            "One failing target never stops the others unless --fail-fast is given; --canary N migrates the"
                    + " first N targets first and stops if any of them fails. An environment with confirm = true"
                    + " needs --yes in a fleet."
        },
        footer = {
            "",
            "Examples:",
            "  strata migrate",
            "  strata migrate --dry-run",
            "  strata migrate --single-transaction    all pending migrations, or none",
            "  strata --env staging migrate",
            "  strata --env prod migrate --yes      in CI, where nobody can answer",
            "  strata migrate --contract           once every app uses the new column",
            "  strata migrate --fleet fleet.toml --parallel 8",
            "  strata migrate --fleet fleet.toml --canary 2     2 targets first",
            "  strata migrate --fleet fleet.toml --retry-failed  what did not end ok"
        },
        mixinStandardHelpOptions = true)
public final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(
            names = "--canary",
            paramLabel = "N",
            description = "With --fleet: migrate the first N targets (in fleet file order), and the others only"
                    + " if all N succeeded. E.g. --canary 1.")
    int canary;

    @Option(
            names = "--target",
            paramLabel = "V",
            converter = VersionConverter.class,
            description = "Apply up to and including version V.")
    Version target;

    @Option(
            names = "--dry-run",
            description = "Print the SQL that would run, with the lint gate's findings beside"
                    + " their statements; change nothing. Exits 1 when the real run would refuse.")
    boolean dryRun;

    @Option(
            names = "--out-of-order",
            description = "Also apply pending migrations whose version is below the highest applied one.")
    boolean outOfOrder;

    @Option(
            names = "--single-transaction",
            negatable = true,
            description = "Apply every pending migration and its history row in one transaction: all or none."
                    + " --no-single-transaction applies them one transaction each, whatever strata.toml says.")
    Boolean singleTransaction;

    @Option(
            names = "--contract",
            description = "Also apply the contract halves of expand/contract pairs whose expand an earlier run"
                    + " applied: say so only once every running application uses the new column.")
    boolean contract;

    @Option(
            names = {"-y", "--yes"},
            description = "Don't ask, on an environment with confirm = true (needed where there is no terminal).")
    boolean yes;

    @Option(
            names = "--json",
            description = "Print {\"applied\",\"skipped\",\"backup\",\"duration_ms\",...} for"
                    + " machines (see the README for the whole shape).")
    boolean json;

    @Override
    public Integer call() {
        MigrateOptions options = new MigrateOptions(
                Optional.ofNullable(target), dryRun, outOfOrder, Optional.ofNullable(singleTransaction), contract);
        if (fleet.present()) {
            return FleetRun.run(
                    parent,
                    FleetCommand.migrate(options, yes ? Confirmation.YES : MigrateCommand::fleetAsksNoOne),
                    fleet,
                    canary,
                    json);
        }
        FleetRun.refuseStray(fleet, canary);
        long start = System.nanoTime();
        Console console = parent.console();
        ProgressPrinter progress = new ProgressPrinter(console);
        Strata strata = parent.strata(progress);
        MigrateResult result = strata.migrate(options, yes ? Confirmation.YES : new TerminalConfirmation(console));
        // A dry run shows what the gate would refuse, and exits as the real run would.
        int exit = result.refusal().isPresent() ? ExitCodes.FAILED : ExitCodes.OK;
        PlanListing listing = new PlanListing(
                result.planned().stream()
                        .map(step ->
                                new PlanListing.Step(step.migration(), step.script(), step.notice(), Optional.empty()))
                        .toList(),
                result.dryRun() ? result.findings() : progress.warnings());
        if (json) {
            Path project = strata.config().projectDir();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("database", result.database());
            document.put("dry_run", result.dryRun());
            document.put("single_transaction", result.singleTransaction());
            document.put("applied", RunJson.rows(result.applied()));
            document.put(
                    "skipped",
                    progress.skipped().stream()
                            .map(m -> Map.of("version", m.version().text(), "name", m.name()))
                            .toList());
            document.put(
                    "backup",
                    progress.backup().map(file -> Output.display(project, file)).orElse(null));
            document.put("bookmark", progress.bookmark().orElse(null));
            document.put("duration_ms", RunJson.millisSince(start));
            document.put("planned", listing.json());
            document.put("findings", listing.findingsJson());
            document.put("held_back", result.heldBack().orElse(null));
            document.put(
                    "refusal",
                    result.refusal()
                            .map(reason -> "migrate would refuse: " + reason)
                            .orElse(null));
            console.out(Json.write(document));
            return exit;
        }
        if (result.dryRun()) {
            listing.print(console);
            console.out(result.refusal()
                    .map(reason -> "-- dry run: migrate would refuse: " + reason + "; nothing was changed.")
                    .orElse("-- dry run: " + Output.plural(result.planned().size(), "migration")
                            + " would be applied to " + result.database() + oneTransaction(result)
                            + "; nothing was changed."));
        } else if (result.planned().isEmpty() && result.heldBack().isPresent()) {
            console.out("Applied nothing to " + result.database() + ": the next migration is held back (see above).");
        } else if (result.planned().isEmpty()) {
            console.out(result.database() + " is up to date.");
        } else {
            console.out("Applied " + Output.plural(result.applied().size(), "migration") + " to " + result.database()
                    + oneTransaction(result)
                    + (result.skipped() > 0 ? " (" + result.skipped() + " applied meanwhile by another process)" : "")
                    + ".");
        }
        return exit;
    }

    /** A fleet runs unattended: an environment that wants confirming is refused, saying how to approve. */
    private static boolean fleetAsksNoOne(
            String environment, String database, java.util.List<dev.strata.engine.PlannedMigration> steps) {
        throw new dev.strata.config.ConfigurationException("environment '" + environment + "' has confirm = true, and"
                + " a fleet asks no one; nothing was applied to it. Pass --yes to approve the fleet's migrations"
                + " (strata migrate --fleet FILE --yes)");
    }

    private static String oneTransaction(MigrateResult result) {
        return result.singleTransaction() ? " in one transaction (all or none)" : "";
    }
}
