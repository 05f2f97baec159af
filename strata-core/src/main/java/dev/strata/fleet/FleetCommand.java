package dev.strata.fleet;

import dev.strata.Strata;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.engine.MigrationState;
import dev.strata.engine.StatusReport;
import dev.strata.engine.ValidationReport;
import dev.strata.environments.Confirmation;
import dev.strata.inspect.DriftReport;
import dev.strata.inspect.HealthReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a fleet runs on each target: one of strata's commands, reduced to a {@link TargetOutcome}.
 *
 * <p>A PostgreSQL schema target is read as that schema alone ({@link dev.strata.config.DatabaseUrl#onlySchema()}),
 * so {@code drift} and {@code check} judge each tenant's schema apart from the others.
 *
 * @param name the command's name, as the summary file records it: {@code --retry-failed} re-runs the
 *             same command
 */
public record FleetCommand(String name, Work work) {

    /** Runs the command on one target's {@link Strata}; a failure is thrown as the command throws it. */
    @FunctionalInterface
    public interface Work {
        TargetOutcome run(Strata strata, TargetListener listener);
    }

    public FleetCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
    }

    /**
     * {@code migrate}: applied counts this run's migrations; pending is read back afterwards, also
     * when a migration failed, so the table shows what is left.
     *
     * @param confirmation asked on an environment with {@code confirm = true}
     */
    public static FleetCommand migrate(MigrateOptions options, Confirmation confirmation) {
        return new FleetCommand("migrate", (strata, listener) -> {
            MigrateResult result;
            try {
                result = strata.migrate(options, confirmation);
            } catch (RuntimeException e) {
                throw new TargetFailure(
                        e,
                        listener.applied(),
                        pendingAfter(strata),
                        listener.running().isPresent());
            }
            if (result.refusal().isPresent()) {
                return new TargetOutcome(
                        false,
                        OptionalInt.of(0),
                        OptionalInt.of(result.planned().size()),
                        OptionalInt.of(0),
                        Optional.of("migrate would refuse: " + result.refusal().get()));
            }
            int pending = options.dryRun()
                    ? result.planned().size()
                    : pendingAfter(strata).orElse(0);
            return new TargetOutcome(
                    true,
                    OptionalInt.of(result.applied().size()),
                    OptionalInt.of(pending),
                    OptionalInt.of(0),
                    Optional.empty());
        });
    }

    /** {@code status}: the counts of the target's history; fails only when the database can't be read. */
    public static FleetCommand status() {
        return new FleetCommand("status", (strata, listener) -> {
            StatusReport report = strata.status();
            List<String> other = new ArrayList<>();
            for (MigrationState state : MigrationState.values()) {
                long count = report.count(state);
                if (count > 0 && state != MigrationState.APPLIED && state != MigrationState.PENDING) {
                    other.add(count + " " + state.label());
                }
            }
            return new TargetOutcome(
                    true,
                    OptionalInt.of((int) report.count(MigrationState.APPLIED)),
                    OptionalInt.of((int) report.count(MigrationState.PENDING)),
                    OptionalInt.of((int) report.count(MigrationState.FAILED)),
                    other.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", other)));
        });
    }

    /** {@code validate}: every problem migrate would refuse for; failed counts them. */
    public static FleetCommand validate(boolean outOfOrder) {
        return new FleetCommand("validate", (strata, listener) -> {
            ValidationReport report = strata.validate(outOfOrder);
            return verdict(
                    report.ok(),
                    OptionalInt.empty(),
                    report.problems().stream().map(p -> p.message()).toList());
        });
    }

    /** {@code drift}: the database against its applied migrations; failed counts the differences. */
    public static FleetCommand drift() {
        return new FleetCommand("drift", (strata, listener) -> {
            DriftReport report = strata.drift();
            return verdict(
                    !report.drifted(),
                    OptionalInt.of(report.migrations()),
                    report.differences().stream().map(DriftReport::describe).toList());
        });
    }

    /** {@code check}: the engine's checks and the objects of the applied migrations; failed counts the problems. */
    public static FleetCommand check() {
        return new FleetCommand("check", (strata, listener) -> {
            HealthReport report = strata.check();
            return verdict(
                    report.ok(),
                    OptionalInt.of(report.migrations()),
                    report.problems().stream()
                            .map(HealthReport.Problem::message)
                            .toList());
        });
    }

    private static TargetOutcome verdict(boolean ok, OptionalInt applied, List<String> problems) {
        Optional<String> message = problems.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        return new TargetOutcome(ok, applied, OptionalInt.empty(), OptionalInt.of(problems.size()), message);
    }

    /** What is still pending, read in a session of its own; empty when the database can't be read. */
    private static OptionalInt pendingAfter(Strata strata) {
        try {
            return OptionalInt.of((int) strata.status().count(MigrationState.PENDING));
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** A failed target's run, with the counts known when it failed. */
    static final class TargetFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int applied;
        final transient OptionalInt pending;
        final boolean migrationFailed;

        TargetFailure(RuntimeException cause, int applied, OptionalInt pending, boolean migrationFailed) {
            super(cause);
            this.applied = applied;
            this.pending = pending;
            this.migrationFailed = migrationFailed;
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }
}
