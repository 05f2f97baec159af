package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.MigrationListener;
import dev.strata.report.GeneratedFile;
import dev.strata.report.MigrationDocs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "docs",
        description = {
            "Generate the migration history document.",
            "",
            "Runs every migration on a throwaway shadow database and writes, per migration: its"
                    + " purpose (the file's leading comment), tables created, altered and dropped, indexes"
                    + " added and dropped, foreign keys with their ON DELETE action, CHECK-constrained enums;"
                    + " totals; the breaking changes (drops, renames, type changes, NOT NULL added); and the"
                    + " entity-relationship diagram. Writes Markdown (the diagram as Mermaid, which GitHub"
                    + " draws) and an HTML page beside it (the diagram as SVG: no script, shows offline)."
                    + " Does not read the configured database.",
            "",
            "With --from-database, draws the same page from the configured database's catalog"
                    + " instead: its tables and diagram as deployed, and how many migrations its history"
                    + " holds. Reads only."
        },
        footer = {
            "",
            "Examples:",
            "  strata docs                  docs/migrations.md and migrations.html",
            "  strata docs --out SCHEMA_HISTORY.md",
            "  strata docs --check          in CI: exit 1 when the document is stale",
            "  strata docs --from-database --env production",
            "                               write docs/database-schema.md and .html"
        },
        mixinStandardHelpOptions = true)
public final class DocsCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "The Markdown file (default: docs/migrations.md, or docs/database-schema.md with"
                    + " --from-database); the HTML page goes beside it.")
    Path out;

    @Option(
            names = "--from-database",
            description =
                    "Draw the page from the configured database's schema (--url, --env), not the migration" + " files.")
    boolean fromDatabase;

    @Option(names = "--check", description = "Write nothing; exit 1 when the files are missing or stale.")
    boolean check;

    @Override
    public Integer call() {
        Console console = parent.console();
        // From the files alone the default-database notice would only mislead; from the database it is due.
        Strata strata = fromDatabase ? parent.strata() : parent.load(MigrationListener.SILENT);
        MigrationDocs docs = fromDatabase
                ? strata.docsFromDatabase(out == null ? MigrationDocs.DATABASE_FILE : out)
                : strata.docs(out == null ? MigrationDocs.DEFAULT_FILE : out);
        Path projectDir = strata.config().projectDir();
        String files = Output.display(projectDir, docs.markdown().path()) + " and "
                + Output.display(projectDir, docs.html().path());
        if (check) {
            List<String> stale = new ArrayList<>();
            for (GeneratedFile file : List.of(docs.markdown(), docs.html())) {
                if (!file.isCurrent()) {
                    stale.add(Output.display(projectDir, file.path())
                            + (file.exists()
                                    ? " is stale (from line "
                                            + file.firstDifference().orElse(1) + ")"
                                    : " does not exist"));
                }
            }
            if (stale.isEmpty()) {
                console.out("OK: " + files + " match "
                        + (fromDatabase
                                ? "the schema of " + docs.document().database()
                                : "the "
                                        + Output.plural(docs.document().totals().migrations(), "migration"))
                        + ".");
                return ExitCodes.OK;
            }
            stale.forEach(console::out);
            console.out("Update them with 'strata docs" + (fromDatabase ? " --from-database" : "")
                    + (out == null ? "" : " --out " + out) + "'.");
            return ExitCodes.FAILED;
        }
        docs.write();
        if (fromDatabase) {
            console.out(
                    "Wrote " + files + " from the schema of " + docs.document().database() + " ("
                            + Output.plural(docs.document().totals().tables(), "table") + ", "
                            + Output.plural(docs.document().totals().foreignKeys(), "foreign key") + ").");
            return ExitCodes.OK;
        }
        console.out(
                "Wrote " + files + " (" + Output.plural(docs.document().totals().migrations(), "migration")
                        + ", " + Output.plural(docs.document().totals().tables(), "table") + ", "
                        + Output.plural(docs.document().breaking().size(), "breaking change") + ").");
        return ExitCodes.OK;
    }
}
