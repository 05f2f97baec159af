package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.MigrationListener;
import dev.strata.inspect.SchemaDump;
import dev.strata.report.GeneratedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "dump",
        description = {
            "Print the schema as canonical SQL.",
            "",
            "Reads the database's catalog (or, with --from-migrations, what every migration file"
                    + " produces on a throwaway shadow database) and writes it in one canonical order: two"
                    + " databases with the same schema give the same text, and loading it into an empty"
                    + " database gives the same schema back. Reads only."
        },
        footer = {
            "",
            "Examples:",
            "  strata dump                                       print the live schema",
            "  strata dump --from-migrations --out schema.sql    a reference file to commit",
            "  strata dump --from-migrations --check schema.sql  in CI: exit 1 when stale"
        },
        mixinStandardHelpOptions = true)
public final class DumpCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--from-migrations",
            description = "Dump what the migration files produce (on a shadow database), not the live database.")
    boolean fromMigrations;

    @ArgGroup(exclusive = true)
    Destination destination;

    /** Where the dump goes: --out or --check, not both. */
    static final class Destination {
        @Option(names = "--out", paramLabel = "FILE", description = "Write the dump to FILE instead of stdout.")
        Path out;

        @Option(
                names = "--check",
                paramLabel = "FILE",
                description = "Compare FILE with the dump; exit 1 when it is stale. Writes nothing.")
        Path check;
    }

    @Override
    public Integer call() {
        Console console = parent.console();
        // With --from-migrations the configured database is not read, so no notice about the default one.
        Strata strata = fromMigrations ? parent.load(MigrationListener.SILENT) : parent.strata();
        SchemaDump dump = strata.dump(fromMigrations);
        Path projectDir = strata.config().projectDir();
        if (destination != null && destination.check != null) {
            GeneratedFile file = new GeneratedFile(Output.resolve(projectDir, destination.check), dump.sql());
            String shown = Output.display(projectDir, file.path());
            if (file.isCurrent()) {
                List<String> problems = strata.reloadDump(shown, dump.sql(), dump.schema());
                if (!problems.isEmpty()) {
                    problems.forEach(problem -> console.out(problem));
                    console.out(shown + " matches the schema of " + dump.source() + ", but is no usable reference:"
                            + " loading it into an empty database does not give that schema back.");
                    return ExitCodes.FAILED;
                }
                console.out("OK: " + shown + " matches the schema of " + dump.source()
                        + ", and loads into an empty database.");
                Output.notCompared(dump.schema().notCompared()).ifPresent(console::out);
                return ExitCodes.OK;
            }
            console.out(shown
                    + (file.exists()
                            ? " is stale: it differs from the schema of " + dump.source() + " from line "
                                    + file.firstDifference().orElse(1) + "."
                            : " does not exist.")
                    + " Update it with 'strata dump" + (fromMigrations ? " --from-migrations" : "") + " --out "
                    + destination.check + "'.");
            return ExitCodes.FAILED;
        }
        if (destination != null && destination.out != null) {
            GeneratedFile file = new GeneratedFile(Output.resolve(projectDir, destination.out), dump.sql());
            file.write();
            console.err(
                    "strata: wrote the schema of " + dump.source() + " to " + Output.display(projectDir, file.path()));
            Output.notCompared(dump.schema().notCompared()).ifPresent(line -> console.err("strata: " + line));
            return ExitCodes.OK;
        }
        console.out(dump.sql().stripTrailing());
        return ExitCodes.OK;
    }
}
