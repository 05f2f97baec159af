package dev.strata.fleet;

import dev.strata.engine.MigrationListener;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import java.util.Optional;

/**
 * The listener of one target's run: passes what it does on to the fleet's listener as one short
 * phrase, and counts what a failed run can no longer return (the migrations it applied before the
 * failure, the one it failed on). One target runs on one thread; the counts are read after it.
 */
public final class TargetListener implements MigrationListener {

    private final FleetTarget target;
    private final FleetListener fleet;
    private int applied;
    private Optional<Migration> running = Optional.empty();

    TargetListener(FleetTarget target, FleetListener fleet) {
        this.target = target;
        this.fleet = fleet;
    }

    @Override
    public void waiting(String what) {
        fleet.progress(target, "waiting: " + what);
    }

    @Override
    public void applying(Migration migration) {
        running = Optional.of(migration);
        fleet.progress(target, "applying " + migration.label());
    }

    @Override
    public void applied(AppliedMigration row) {
        running = Optional.empty();
        applied++;
        fleet.progress(target, "applied " + row.label());
    }

    @Override
    public void skipped(Migration migration) {
        running = Optional.empty();
    }

    /** Migrations this run applied so far. */
    public int applied() {
        return applied;
    }

    /** The migration that was running when the run stopped, if one was. */
    public Optional<Migration> running() {
        return running;
    }
}
