package dev.strata.cli.commands;

import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "new",
        description = {
            "Create the next migration file in the folder's style.",
            "",
            "The version is the next sequential number (0027 after 0026), or the current UTC"
                    + " timestamp when the folder uses timestamps. With --reversible, a down script too."
        },
        mixinStandardHelpOptions = true)
public final class NewCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(paramLabel = "NAME", description = "What the migration does, e.g. add_users.")
    String name;

    @Option(names = "--reversible", description = "Also create a down script.")
    boolean reversible;

    @Override
    public Integer call() {
        var strata = parent.load(dev.strata.engine.MigrationListener.SILENT);
        List<Path> created = strata.newMigration(name, reversible);
        Path project = strata.config().projectDir().toAbsolutePath().normalize();
        for (Path file : created) {
            parent.console()
                    .out("Created " + project.relativize(file.toAbsolutePath().normalize()));
        }
        if (reversible && created.size() > 1 && strata.wranglerReads()) {
            parent.console()
                    .out("wrangler runs every .sql file in "
                            + project.relativize(strata.config().migrationsDir())
                            + "/ as a migration, so the down script is in its "
                            + dev.strata.source.MigrationDirectory.DOWN_FOLDER
                            + "/ folder, which wrangler does not read.");
        }
        return ExitCodes.OK;
    }
}
