package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.engine.MigrationListener;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;

/** Shows a run's progress on stderr, one line per migration, as it happens. */
final class ProgressPrinter implements MigrationListener {

    private final Console console;

    ProgressPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void waiting(String what) {
        console.err("strata: waiting: " + what);
    }

    @Override
    public void linted(Finding warning) {
        console.err("strata: " + warning.severity().label() + ": " + warning.location() + ": " + warning.rule() + ": "
                + warning.message());
    }

    @Override
    public void note(String remark) {
        console.err("strata: " + remark);
    }

    @Override
    public void applying(Migration migration) {
        console.err("Applying " + migration.label() + " ...");
    }

    @Override
    public void notice(String message) {
        console.err("  note: " + message);
    }

    @Override
    public void applied(AppliedMigration row) {
        console.err("  applied " + row.label() + " in " + row.executionMs() + " ms");
    }

    @Override
    public void skipped(Migration migration) {
        console.err("  skipped " + migration.label() + ": another process applied it meanwhile");
    }

    @Override
    public void backedUp(java.nio.file.Path file) {
        console.err("Backed up to " + file + " before migrating");
    }

    @Override
    public void bookmarked(String database, String bookmark) {
        console.err("Time Travel bookmark of " + database + " before migrating: " + bookmark);
        console.err("  (undo this run with: strata restore --bookmark " + bookmark + ")");
    }

    @Override
    public void reverting(AppliedMigration row) {
        console.err("Reverting " + row.label() + " ...");
    }

    @Override
    public void reverted(AppliedMigration row) {
        console.err("  reverted " + row.label());
    }
}
