package dev.strata.cli.commands;

import dev.strata.Strata;
import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.LintRequest;
import dev.strata.lint.LintReport;
import dev.strata.lint.Rule;
import dev.strata.lint.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "lint",
        description = {
            "Check migrations for changes that lose data, lock tables or fail on real data.",
            "",
            "Reads every statement with the schema it meets (tables made by earlier migrations count"
                    + " as existing tables with data), and runs the folder on a shadow database to see what"
                    + " each migration really changes: a table rebuild shows as the column change it is. Each"
                    + " finding has a rule id, a severity, file:line:column, what can go wrong and the safe"
                    + " alternative. 'migrate' runs the same checks as 'lint --pending' first and refuses on"
                    + " errors; a drop, truncate or delete without WHERE blocks only where rows would go.",
            "",
            "Accept a finding on purpose with a reason, on the line before the statement:",
            "  -- strata:allow drop-table the data moved to the archive database",
            "For a whole file, put -- strata:allow-file RULE reason in its header. Change a rule's"
                    + " severity in strata.toml: [lint] drop-table = \"warning\" (or \"off\").",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  strata lint                          every migration in the folder",
            "  strata lint --pending                only what migrate would apply",
            "  strata lint migrations/0007_x.sql    one file, after the ones before it",
            "  strata lint --format github          annotations for GitHub Actions",
            "  strata lint --rules                  list the rules"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no error-severity finding (warnings may remain)",
            "1:at least one error-severity finding",
            "2:usage or configuration error"
        },
        mixinStandardHelpOptions = true)
public final class LintCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Migration files or folders to lint (default: the migrations folder).")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--pending",
            description = "Only what migrate would apply, judged exactly as its gate judges it: a finding that would"
                    + " delete rows says how many this database holds, or that the table is empty here.")
    boolean pending;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default), json, sarif (SARIF 2.1.0) or github (workflow annotations).")
    String format;

    @Option(
            names = "--no-shadow",
            description = "Read the statements only; don't run the migrations on a shadow database first.")
    boolean noShadow;

    @Option(names = "--rules", description = "List every rule with its default severity and engines, and exit.")
    boolean listRules;

    @Override
    public Integer call() throws Exception {
        Console console = parent.console();
        LintFormats.Format chosen = LintFormats.parse(format)
                .orElseThrow(() -> new dev.strata.config.ConfigurationException(
                        "--format " + format + ": use text, json, sarif or" + " github"));
        if (listRules) {
            printRules(console);
            return ExitCodes.OK;
        }
        // Only --pending reads the database's history; the rest can do without it (a pull request's job).
        Strata strata = pending ? parent.strata() : parent.loadWithoutDatabase();
        LintReport report = strata.lint(new LintRequest(paths, pending, !noShadow));
        report.notes().forEach(note -> console.err("strata: " + note));
        switch (chosen) {
            case TEXT -> LintFormats.text(report, strata.config().projectDir()).forEach(console::out);
            case JSON -> console.out(Json.write(LintFormats.json(report)));
            case SARIF ->
                console.out(Json.write(
                        LintFormats.sarif(report, new StrataCommand.Version().getVersion()[0].replace("strata ", ""))));
            case GITHUB -> LintFormats.github(report).forEach(console::out);
        }
        return report.hasErrors() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static void printRules(Console console) {
        int width =
                Rules.all().stream().mapToInt(rule -> rule.id().length()).max().orElse(10);
        for (Rule rule : Rules.all()) {
            String engines =
                    rule.targets().stream().map(t -> t.label()).sorted().collect(Collectors.joining(","));
            String severity =
                    Rules.optIn(rule.id()) ? "off" : rule.defaultSeverity().label();
            console.out(String.format(
                    "%-" + width + "s  %-7s  %-18s  %s",
                    rule.id(),
                    severity,
                    engines,
                    rule.summary() + (Rules.optIn(rule.id()) ? " (opt-in; on for strata import baselines)" : "")));
        }
    }
}
