package dev.strata.fleet;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a command found on one target that it could run on: whether the target is fine, and the
 * counts of {@link TargetResult}.
 */
public record TargetOutcome(
        boolean ok, OptionalInt applied, OptionalInt pending, OptionalInt failed, Optional<String> message) {

    public TargetOutcome {
        java.util.Objects.requireNonNull(applied, "applied");
        java.util.Objects.requireNonNull(pending, "pending");
        java.util.Objects.requireNonNull(failed, "failed");
        java.util.Objects.requireNonNull(message, "message");
    }
}
