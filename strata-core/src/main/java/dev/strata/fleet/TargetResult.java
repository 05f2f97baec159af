package dev.strata.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one target of a fleet run ended.
 *
 * @param target   the target's {@link FleetTarget#name()}
 * @param applied  migrations applied: by this run for {@code migrate}, on the database for the read-only
 *                 commands; empty when not known (the database could not be read)
 * @param pending  migrations still pending when the target's run ended; empty when not known
 * @param failed   what failed: the migration that stopped {@code migrate}, failed history rows for
 *                 {@code status}, the problems or differences {@code validate}, {@code drift} and
 *                 {@code check} found
 * @param started  when its run began; empty when it never ran
 * @param finished when its run ended; empty when it never ran
 * @param message  why it failed or was not run, or a remark; never a password
 */
public record TargetResult(
        String target,
        Outcome outcome,
        OptionalInt applied,
        OptionalInt pending,
        OptionalInt failed,
        Optional<Instant> started,
        Optional<Instant> finished,
        Optional<String> message) {

    /** The end of a target's run. */
    public enum Outcome {
        OK("ok"),
        FAILED("failed"),
        /** Not started (stopped by --fail-fast or a failed canary, or the process died first) or not finished. */
        NOT_RUN("not run");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(message, "message");
    }

    /** A target that did not run, and why. */
    static TargetResult notRun(String target, String why) {
        return new TargetResult(
                target,
                Outcome.NOT_RUN,
                OptionalInt.empty(),
                OptionalInt.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(why));
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** How long its run took; zero when it never ran. */
    public Duration duration() {
        return started.isPresent() && finished.isPresent()
                ? Duration.between(started.get(), finished.get())
                : Duration.ZERO;
    }
}
