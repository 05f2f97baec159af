package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import dev.strata.cli.TerminalConfirmation;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.PlannedMigration;
import dev.strata.environments.Confirmation;
import dev.strata.source.Version;
import dev.strata.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate",
        description = {
                "Apply pending migrations in version order.",
                "",
                "Every pending file is read, split and checked before the first one runs. Each migration and its",
                "history row commit in one transaction; a failing statement rolls its migration back, earlier ones",
                "stay applied. Concurrent runs on one database wait for each other and apply each migration once.",
                "",
                "With --env NAME (or strata.toml's default environment), that environment's settings apply first:",
                "  requires = \"staging\"      refuse any pending migration staging has not applied with the same checksum",
                "  confirm = true            list what will be applied and ask; --yes answers for you",
                "  backup = \"before-migrate\" take a backup before the first change (keep = N prunes old ones;",
                "                            on remote D1, print and record D1's Time Travel bookmark instead)"},
        footer = {
                "",
                "Examples:",
                "  strata migrate",
                "  strata migrate --dry-run",
                "  strata --env staging migrate",
                "  strata --env prod migrate --yes      in CI, where nobody can answer"},
        mixinStandardHelpOptions = true)
public final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--target", paramLabel = "V", converter = VersionConverter.class,
            description = "Apply up to and including version V.")
    Version target;

    @Option(names = "--dry-run", description = "Print the SQL that would run; change nothing.")
    boolean dryRun;

    @Option(names = "--out-of-order",
            description = "Also apply pending migrations whose version is below the highest applied one.")
    boolean outOfOrder;

    @Option(names = {"-y", "--yes"},
            description = "Don't ask, on an environment with confirm = true (needed where there is no terminal).")
    boolean yes;

    @Override
    public Integer call() {
        Console console = parent.console();
        MigrateResult result = parent.strata(new ProgressPrinter(console))
                .migrate(new MigrateOptions(Optional.ofNullable(target), dryRun, outOfOrder),
                        yes ? Confirmation.YES : new TerminalConfirmation(console));
        if (result.dryRun()) {
            for (PlannedMigration step : result.planned()) {
                console.out("-- " + step.migration().label() + " (" + step.migration().upSource() + ")"
                        + (step.script().transactional() ? ", in one transaction" : ", statement by statement"));
                step.notice().ifPresent(notice -> console.out("-- note: " + notice));
                for (Statement statement : step.script().statements()) {
                    console.out(statement.sql() + ";");
                }
                console.out("");
            }
            console.out("-- dry run: " + Output.plural(result.planned().size(), "migration") + " would be applied to "
                    + result.database() + "; nothing was changed.");
        } else if (result.planned().isEmpty()) {
            console.out(result.database() + " is up to date.");
        } else {
            console.out("Applied " + Output.plural(result.applied().size(), "migration") + " to " + result.database()
                    + (result.skipped() > 0 ? " (" + result.skipped() + " applied meanwhile by another process)" : "")
                    + ".");
        }
        return ExitCodes.OK;
    }
}
