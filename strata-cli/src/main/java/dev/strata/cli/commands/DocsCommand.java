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

@Command(name = "docs",
        description = {
                "Generate the migration history document.",
                "",
                "Runs every migration on a throwaway shadow database and writes, per migration: its"
                        + " purpose (the file's leading comment), tables created, altered and dropped, indexes"
                        + " added and dropped, foreign keys with their ON DELETE action, CHECK-constrained enums;"
                        + " totals; the breaking changes (drops, renames, type changes, NOT NULL added); and a"
                        + " Mermaid entity-relationship diagram. Writes Markdown and an HTML page beside it. Does"
                        + " not read the configured database."},
        footer = {
                "",
                "Examples:",
                "  strata docs                  docs/migrations.md and migrations.html",
                "  strata docs --out SCHEMA_HISTORY.md",
                "  strata docs --check          in CI: exit 1 when the document is stale"},
        mixinStandardHelpOptions = true)
public final class DocsCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The Markdown file (default: docs/migrations.md); the HTML page goes beside it.")
    Path out;

    @Option(names = "--check", description = "Write nothing; exit 1 when the files are missing or stale.")
    boolean check;

    @Override
    public Integer call() {
        Console console = parent.console();
        // The document comes from the files alone, so the default-database notice would only mislead.
        Strata strata = parent.load(MigrationListener.SILENT);
        MigrationDocs docs = strata.docs(out == null ? MigrationDocs.DEFAULT_FILE : out);
        Path projectDir = strata.config().projectDir();
        String files = Output.display(projectDir, docs.markdown().path()) + " and "
                + Output.display(projectDir, docs.html().path());
        if (check) {
            List<String> stale = new ArrayList<>();
            for (GeneratedFile file : List.of(docs.markdown(), docs.html())) {
                if (!file.isCurrent()) {
                    stale.add(Output.display(projectDir, file.path()) + (file.exists() ? " is stale (from line "
                            + file.firstDifference().orElse(1) + ")" : " does not exist"));
                }
            }
            if (stale.isEmpty()) {
                console.out("OK: " + files + " match the " + Output.plural(docs.document().totals().migrations(),
                        "migration") + ".");
                return ExitCodes.OK;
            }
            stale.forEach(console::out);
            console.out("Update them with 'strata docs" + (out == null ? "" : " --out " + out) + "'.");
            return ExitCodes.FAILED;
        }
        docs.write();
        console.out("Wrote " + files + " (" + Output.plural(docs.document().totals().migrations(), "migration")
                + ", " + Output.plural(docs.document().totals().tables(), "table") + ", "
                + Output.plural(docs.document().breaking().size(), "breaking change") + ").");
        return ExitCodes.OK;
    }
}
