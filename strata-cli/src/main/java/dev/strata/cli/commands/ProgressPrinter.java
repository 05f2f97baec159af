package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.engine.MigrationListener;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;

/**
 * Shows a run's progress on stderr, one line per migration, as it happens, and keeps what the
 * {@code --json} documents report that the result does not hold: warnings, skips and the backup.
 */
final class ProgressPrinter implements MigrationListener {

    private final Console console;
    private final java.util.List<Finding> warnings = new java.util.ArrayList<>();
    private final java.util.List<Migration> skipped = new java.util.ArrayList<>();
    private java.util.Optional<java.nio.file.Path> backup = java.util.Optional.empty();
    private java.util.Optional<String> bookmark = java.util.Optional.empty();

    ProgressPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void waiting(String what) {
        console.err("strata: waiting: " + what);
    }

    /** One line per report: rows so far, the rate, how much of the key range is behind, and the time left. */
    @Override
    public void backfilled(dev.strata.dialect.BackfillProgress progress) {
        String where = "  backfill " + progress.source() + ":" + progress.line() + " (" + progress.table() + "): ";
        if (progress.done()) {
            console.err(where + "done, " + String.format(java.util.Locale.ROOT, "%,d", progress.rows()) + " rows"
                    + " changed (" + String.format(java.util.Locale.ROOT, "%,d", progress.rowsNow())
                    + " by this run in "
                    + dev.strata.config.Durations.spoken(progress.elapsed()) + ")");
            return;
        }
        console.err(where
                + String.format(
                        java.util.Locale.ROOT, "%,d rows, %,d rows/s", progress.rows(), progress.rowsPerSecond())
                + progress.fraction()
                        .map(f -> String.format(java.util.Locale.ROOT, ", %.0f%% of the keys", f * 100))
                        .orElse("")
                + progress.timeLeft()
                        .map(left -> ", about " + dev.strata.config.Durations.spoken(left) + " left")
                        .orElse(""));
    }

    @Override
    public void linted(Finding warning) {
        warnings.add(warning);
        console.err("strata: " + warning.severity().label() + ": " + warning.location() + ": " + warning.rule() + ": "
                + warning.message());
    }

    @Override
    public void note(String remark) {
        console.notice("strata: " + remark);
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
        skipped.add(migration);
        console.err("  skipped " + migration.label() + ": another process applied it meanwhile");
    }

    @Override
    public void backedUp(java.nio.file.Path file) {
        backup = java.util.Optional.of(file);
        console.err("Backed up to " + file + " before migrating");
    }

    @Override
    public void bookmarked(String database, String bookmark) {
        this.bookmark = java.util.Optional.of(bookmark);
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

    /** The lint gate's warnings, in the order it reported them. */
    java.util.List<Finding> warnings() {
        return java.util.List.copyOf(warnings);
    }

    /** The migrations another process applied first. */
    java.util.List<Migration> skipped() {
        return java.util.List.copyOf(skipped);
    }

    /** The engine's own bookmark (D1's Time Travel) taken before the first change, if the environment asks for one. */
    java.util.Optional<String> bookmark() {
        return bookmark;
    }

    /** The backup taken before the first change, if the environment asks for one. */
    java.util.Optional<java.nio.file.Path> backup() {
        return backup;
    }
}
