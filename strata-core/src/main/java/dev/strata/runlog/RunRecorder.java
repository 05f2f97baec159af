package dev.strata.runlog;

import dev.strata.engine.MigrationListener;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Passes a run's progress on to the user's listener and keeps what the run log needs of it: each
 * migration as it finishes, the one that was running when the run failed, and the backup taken.
 * One recorder per run; not thread-safe.
 */
public final class RunRecorder implements MigrationListener {

    private final MigrationListener delegate;
    private final List<RunStep> steps = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private Migration running;
    private long runningSince;
    private AppliedMigration reverting;
    private Optional<String> backup = Optional.empty();
    private Optional<String> bookmark = Optional.empty();
    private Optional<String> databaseUser = Optional.empty();
    private boolean changed;

    RunRecorder(MigrationListener delegate) {
        this.delegate = delegate;
    }

    /** A history row the run wrote or deleted, with what happened to it. */
    public void row(AppliedMigration row, String outcome) {
        steps.add(new RunStep(
                row.version().text(),
                row.name(),
                row.checksum(),
                row.executionMs(),
                row.success() ? outcome : RunStep.FAILED));
        databaseUser = Optional.of(row.appliedBy());
        changed = true;
    }

    /** Files the run read into the database: seed files, the backup restored. */
    public void files(List<String> names) {
        files.addAll(names);
        changed = true;
    }

    /** The run changed the database even though no migration or file says so (reset). */
    public void changed() {
        changed = true;
    }

    boolean hasChanged() {
        return changed;
    }

    /** The migration or down script that was running when the run stopped, as a failed step. */
    List<RunStep> steps(boolean failed) {
        List<RunStep> all = new ArrayList<>(steps);
        if (failed && running != null) {
            all.add(new RunStep(
                    running.version().text(),
                    running.name(),
                    running.checksum(),
                    (System.nanoTime() - runningSince) / 1_000_000,
                    RunStep.FAILED));
        } else if (failed && reverting != null) {
            all.add(new RunStep(reverting.version().text(), reverting.name(), reverting.checksum(), 0, RunStep.FAILED));
        }
        return all;
    }

    List<String> files() {
        return List.copyOf(files);
    }

    Optional<String> backup() {
        return backup;
    }

    Optional<String> bookmark() {
        return bookmark;
    }

    Optional<String> databaseUser() {
        return databaseUser;
    }

    @Override
    public void waiting(String what) {
        delegate.waiting(what);
    }

    @Override
    public void backfilled(dev.strata.dialect.BackfillProgress progress) {
        delegate.backfilled(progress);
    }

    @Override
    public void linted(Finding warning) {
        delegate.linted(warning);
    }

    @Override
    public void note(String remark) {
        delegate.note(remark);
    }

    @Override
    public void applying(Migration migration) {
        running = migration;
        runningSince = System.nanoTime();
        delegate.applying(migration);
    }

    @Override
    public void notice(String message) {
        delegate.notice(message);
    }

    @Override
    public void applied(AppliedMigration row) {
        running = null;
        row(row, RunStep.APPLIED);
        delegate.applied(row);
    }

    @Override
    public void skipped(Migration migration) {
        running = null;
        delegate.skipped(migration);
    }

    @Override
    public void reverting(AppliedMigration row) {
        reverting = row;
        delegate.reverting(row);
    }

    @Override
    public void reverted(AppliedMigration row) {
        reverting = null;
        row(row, RunStep.REVERTED);
        delegate.reverted(row);
    }

    @Override
    public void backedUp(Path file) {
        backup = Optional.of(file.toString());
        delegate.backedUp(file);
    }

    @Override
    public void bookmarked(String database, String bookmark) {
        this.bookmark = Optional.of(bookmark);
        delegate.bookmarked(database, bookmark);
    }
}
