package dev.strata.engine;

import dev.strata.source.Version;
import java.util.Optional;

/**
 * How {@code migrate} runs.
 *
 * @param target      apply up to and including this version; empty for all
 * @param dryRun      plan and print, change nothing
 * @param outOfOrder  allow pending migrations below the highest applied version
 */
public record MigrateOptions(Optional<Version> target, boolean dryRun, boolean outOfOrder) {

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false, false);
    }
}
