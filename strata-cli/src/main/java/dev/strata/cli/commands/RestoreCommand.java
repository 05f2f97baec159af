package dev.strata.cli.commands;

import dev.strata.backup.RestoreResult;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore",
        description = {
                "Replace the database's content with a backup made by 'strata backup'.",
                "",
                "The file is read through first: one that is not a backup of this engine, or is damaged"
                        + " or truncated, is refused. A database that holds anything is replaced only with"
                        + " --force. The restore is one change: if it fails, or the database is in use (locked by"
                        + " another process or session), the database is left as it was. PostgreSQL needs"
                        + " pg_restore and psql on the PATH; objects are restored owned by the connecting user."},
        footer = {
                "",
                "Examples:",
                "  strata --env dev restore backups/dev-20250602T091407.123Z.sqlite",
                "  strata --env prod restore prod.pgdump --force"},
        mixinStandardHelpOptions = true)
public final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(paramLabel = "FILE", description = "The backup to restore.")
    Path file;

    @Option(names = "--force", description = "Replace a database that is not empty.")
    boolean force;

    @Override
    public Integer call() {
        RestoreResult result = parent.strata().restore(file, force);
        parent.console().out("Restored " + result.file().getFileName() + " into " + result.database()
                + (result.replaced() ? ", replacing what it held." : "."));
        return ExitCodes.OK;
    }
}
