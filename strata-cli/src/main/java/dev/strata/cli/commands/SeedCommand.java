package dev.strata.cli.commands;

import dev.strata.cli.ExitCodes;
import dev.strata.cli.StrataCommand;
import dev.strata.engine.SeedResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "seed",
        description = {
                "Load the seed data files the environment lists, all in one transaction.",
                "",
                "Seeds are .sql files in the project's seeds/ folder; [environments.NAME] seeds = [\"dev-users.sql\"]",
                "says which ones an environment loads, in order. An environment that lists none is never seeded.",
                "Seeds run again on every call, so write them to be idempotent, e.g. INSERT ... ON CONFLICT DO",
                "NOTHING (SQLite and PostgreSQL): running seed twice then leaves the same rows. If any statement",
                "fails, nothing of the run is kept."},
        footer = {
                "",
                "Examples:",
                "  strata --env dev migrate && strata --env dev seed"},
        mixinStandardHelpOptions = true)
public final class SeedCommand implements Callable<Integer> {

    @ParentCommand
    StrataCommand parent;

    @Override
    public Integer call() {
        SeedResult result = parent.strata(new ProgressPrinter(parent.console())).seed();
        parent.console().out("Loaded " + Output.plural(result.files().size(), "seed file") + " ("
                + Output.plural(result.statements(), "statement") + ") into " + result.environment() + " ("
                + result.database() + "): " + String.join(", ", result.files()) + ".");
        return ExitCodes.OK;
    }
}
