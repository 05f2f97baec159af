package dev.strata.fleet;

import dev.strata.config.ConfigurationException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a fleet runs.
 *
 * @param parallel    how many targets run at once, at least 1
 * @param failFast    the first failure stops the start of any target not yet begun
 * @param canary      this many targets run first, and the rest only if all of them succeeded; 0 for none
 * @param retryFailed run only the targets the summary file does not record as ok
 * @param summary     the summary file; empty for {@value Fleet#SUMMARY_FILE} next to the fleet file
 */
public record FleetRunOptions(int parallel, boolean failFast, int canary, boolean retryFailed, Optional<Path> summary) {

    public FleetRunOptions {
        if (parallel < 1) {
            throw new ConfigurationException("--parallel " + parallel + ": run at least 1 target at a time,"
                    + " e.g. --parallel 4 (the default is the number of cores)");
        }
        if (canary < 0) {
            throw new ConfigurationException("--canary " + canary + ": give how many targets to migrate first,"
                    + " e.g. --canary 2, or leave it out");
        }
        Objects.requireNonNull(summary, "summary");
    }

    /** As many targets at once as the machine has cores, nothing else. */
    public static FleetRunOptions defaults() {
        return new FleetRunOptions(Runtime.getRuntime().availableProcessors(), false, 0, false, Optional.empty());
    }
}
