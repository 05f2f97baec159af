package dev.strata.cli.commands;

import dev.strata.backup.BackupResult;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "backup",
        description = {
            "Back the database up to a file.",
            "",
            "SQLite: SQLite's online backup API copies a consistent snapshot while the database"
                    + " stays in use, then the copy passes PRAGMA integrity_check. PostgreSQL: pg_dump"
                    + " --format=custom (the PostgreSQL client tools must be on the PATH, of the server's"
                    + " major version or newer), then the dump is read through with pg_restore. The file gets"
                    + " its name only once it is verified, and is readable by its owner only. Without --out it"
                    + " goes to backups/NAME-TIME.sqlite (or .pgdump) in the project folder, and the"
                    + " environment's keep = N deletes the oldest beyond N."
        },
        footer = {
            "",
            "Examples:",
            "  strata --env prod backup",
            "  strata --env prod backup --out before-release.pgdump",
            "  strata --env prod restore backups/prod-20250602T091407.123Z.sqlite --force"
        },
        mixinStandardHelpOptions = true)
public final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (it must not exist yet).")
    Path out;

    @Override
    public Integer call() {
        BackupResult result = parent.strata().backup(Optional.ofNullable(out));
        for (Path pruned : result.pruned()) {
            parent.console().err("strata: deleted the old backup " + pruned.getFileName() + " (keep)");
        }
        parent.console()
                .out("Backed up " + result.database() + " to " + result.file() + " (" + result.bytes() + " bytes).");
        return ExitCodes.OK;
    }
}
