package dev.strata.engine;

import dev.strata.source.Version;
import java.util.Optional;

/**
 * Which applied migrations {@code down} reverts, newest first.
 *
 * @param steps  revert this many (the default is one)
 * @param to     revert every applied migration above this version (it stays applied)
 * @param everything  revert every applied migration
 */
public record DownRequest(int steps, Optional<Version> to, boolean everything) {

    public static DownRequest steps(int steps) {
        return new DownRequest(steps, Optional.empty(), false);
    }

    public static DownRequest to(Version version) {
        return new DownRequest(0, Optional.of(version), false);
    }

    public static DownRequest all() {
        return new DownRequest(0, Optional.empty(), true);
    }
}
