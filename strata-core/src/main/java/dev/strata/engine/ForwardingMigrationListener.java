package dev.strata.engine;

import dev.strata.dialect.BackfillProgress;
import dev.strata.history.AppliedMigration;
import dev.strata.lint.Finding;
import dev.strata.source.Migration;
import java.nio.file.Path;

/**
 * A listener that passes every event on to another one: the base of listeners that watch a run for
 * their own ends (the run log, a rehearsal) while the user still sees its progress. A subclass
 * overrides what it watches and calls {@code super}; every other event reaches the user unchanged,
 * including events added to {@link MigrationListener} later (ForwardingMigrationListenerTest fails
 * until this class forwards them).
 */
public abstract class ForwardingMigrationListener implements MigrationListener {

    private final MigrationListener delegate;

    protected ForwardingMigrationListener(MigrationListener delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void waiting(String what) {
        delegate.waiting(what);
    }

    @Override
    public void backfilled(BackfillProgress progress) {
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
        delegate.applying(migration);
    }

    @Override
    public void notice(String message) {
        delegate.notice(message);
    }

    @Override
    public void applied(AppliedMigration row) {
        delegate.applied(row);
    }

    @Override
    public void skipped(Migration migration) {
        delegate.skipped(migration);
    }

    @Override
    public void reverting(AppliedMigration row) {
        delegate.reverting(row);
    }

    @Override
    public void reverted(AppliedMigration row) {
        delegate.reverted(row);
    }

    @Override
    public void backedUp(Path file) {
        delegate.backedUp(file);
    }

    @Override
    public void bookmarked(String database, String bookmark) {
        delegate.bookmarked(database, bookmark);
    }
}
