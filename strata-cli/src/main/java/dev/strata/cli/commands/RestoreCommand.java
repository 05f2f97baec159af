package dev.strata.cli.commands;

import dev.strata.backup.BookmarkRestore;
import dev.strata.backup.RestoreResult;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import dev.strata.cli.TerminalConfirmation;
import dev.strata.config.ConfigurationException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "restore",
        description = {
            "Replace the database's content with a backup made by 'strata backup', or (remote D1) go"
                    + " back to a Time Travel bookmark.",
            "",
            "The file is read through first: one that is not a backup of this engine, or is damaged"
                    + " or truncated, is refused. A database that holds anything is replaced only with"
                    + " --force. The restore is one change: if it fails, or the database is in use (locked by"
                    + " another process or session), the database is left as it was. PostgreSQL needs"
                    + " pg_restore and psql on the PATH; objects are restored owned by the connecting user.",
            "",
            "--bookmark B (remote D1): restores D1's Time Travel bookmark B, such as the one backup ="
                    + " \"before-migrate\" printed. Every write made after B is lost, not only a"
                    + " migration's. Asks first (--yes answers); prints the bookmark that undoes the restore."
        },
        footer = {
            "",
            "Examples:",
            "  strata --env dev restore backups/dev-20250602T091407.123Z.sqlite",
            "  strata --env prod restore prod.pgdump --force",
            "  strata --env prod restore --bookmark B     B: the bookmark migrate printed"
        },
        mixinStandardHelpOptions = true)
public final class RestoreCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The backup to restore.")
    Path file;

    @Option(names = "--force", description = "Replace a database that is not empty.")
    boolean force;

    @Option(
            names = "--bookmark",
            paramLabel = "B",
            description = "Restore D1's Time Travel bookmark B instead of a file.")
    String bookmark;

    @Option(
            names = {"-y", "--yes"},
            description = "Restore a bookmark without asking (needed where there is no terminal).")
    boolean yes;

    @Override
    public Integer call() {
        Console console = parent.console();
        if ((file == null) == (bookmark == null)) {
            throw new ConfigurationException("restore needs either a backup FILE or --bookmark B, not "
                    + (file == null ? "neither" : "both") + "; e.g. strata restore backups/NAME.sqlite, or strata"
                    + " restore --bookmark B on remote D1");
        }
        if (file != null) {
            RestoreResult result = parent.strata().restore(file, force);
            console.out("Restored " + result.file().getFileName() + " into " + result.database()
                    + (result.replaced() ? ", replacing what it held." : "."));
            return ExitCodes.OK;
        }
        var strata = parent.strata();
        String database = strata.config().url().display();
        String warning = "Restoring " + database + " to Time Travel bookmark " + bookmark + " undoes every write made"
                + " after it: the migrations since, and every row your application wrote since too.";
        console.err(warning);
        if (!yes
                && !TerminalConfirmation.ask(
                        console,
                        "Restore " + database + " to " + bookmark + "?",
                        "restore --bookmark asks before it undoes writes, and there is no terminal to ask on; nothing was"
                                + " changed. Pass --yes to restore without asking.")) {
            console.err("Nothing was restored.");
            return ExitCodes.FAILED;
        }
        BookmarkRestore restored = strata.restoreBookmark(bookmark);
        console.out("Restored " + restored.database() + " to bookmark " + restored.bookmark() + ".");
        console.out("To undo this restore: strata restore --bookmark " + restored.previousBookmark());
        return ExitCodes.OK;
    }
}
