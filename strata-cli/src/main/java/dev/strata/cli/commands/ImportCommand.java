package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.MigrationListener;
import dev.strata.imports.ImportResult;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "import",
        description = {
            "Turn a full-schema script into the first, non-destructive migration.",
            "",
            "A script such as schema.sql that rebuilds everything (DROP TABLE IF EXISTS ...; CREATE"
                    + " TABLE ...) becomes 0000_initial_schema.sql: the DROPs are left out, every CREATE TABLE"
                    + " / INDEX / VIEW / TRIGGER gets IF NOT EXISTS (OR REPLACE for PostgreSQL views, triggers"
                    + " and functions), INSERTs skip rows that exist, and the comments stay. Running it on a"
                    + " database that already has the schema and its data changes nothing. Nothing is written"
                    + " if a version it needs is taken.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  strata import schema_v2.sql",
            "  strata import schema.sql --split --out db/migrations"
        },
        mixinStandardHelpOptions = true)
public final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(paramLabel = "FILE", description = "The schema script to import.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Write here instead of the migrations folder.")
    Path out;

    @Option(
            names = "--split",
            description = "Write 0000 tables, 0001 indexes, 0002 triggers and views instead of one file.")
    boolean split;

    @Override
    public Integer call() {
        Strata strata = parent.load(MigrationListener.SILENT);
        ImportResult result = strata.importSchema(file, Optional.ofNullable(out), split);
        Path project = strata.config().projectDir();
        for (Path written : result.written()) {
            parent.console()
                    .out("Created "
                            + project.relativize(written.toAbsolutePath().normalize())
                                    .toString()
                                    .replace('\\', '/'));
        }
        for (String note : result.notes()) {
            parent.console().err("strata: " + note);
        }
        return ExitCodes.OK;
    }
}
