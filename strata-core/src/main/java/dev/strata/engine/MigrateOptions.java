package dev.strata.engine;

import dev.strata.source.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code migrate} runs.
 *
 * @param target            apply up to and including this version; empty for all
 * @param dryRun            plan and print, change nothing
 * @param outOfOrder        allow pending migrations below the highest applied version
 * @param singleTransaction apply every pending migration and its history row in one transaction
 *                          (all or none); empty means as the configuration says
 *                          ({@code [migrations] single_transaction})
 */
public record MigrateOptions(
        Optional<Version> target, boolean dryRun, boolean outOfOrder, Optional<Boolean> singleTransaction) {

    public MigrateOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(singleTransaction, "singleTransaction");
    }

    /** Options that leave the transaction mode to the configuration. */
    public MigrateOptions(Optional<Version> target, boolean dryRun, boolean outOfOrder) {
        this(target, dryRun, outOfOrder, Optional.empty());
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false, false);
    }
}
