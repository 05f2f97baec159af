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
 * @param contract          apply the contract halves of expand/contract pairs whose expand an earlier
 *                          run applied ({@code --contract}: every running application uses the new
 *                          column); without it they are held back (see {@link ExpandContract})
 */
public record MigrateOptions(
        Optional<Version> target,
        boolean dryRun,
        boolean outOfOrder,
        Optional<Boolean> singleTransaction,
        boolean contract) {

    public MigrateOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(singleTransaction, "singleTransaction");
    }

    public MigrateOptions(
            Optional<Version> target, boolean dryRun, boolean outOfOrder, Optional<Boolean> singleTransaction) {
        this(target, dryRun, outOfOrder, singleTransaction, false);
    }

    /** Options that leave the transaction mode to the configuration. */
    public MigrateOptions(Optional<Version> target, boolean dryRun, boolean outOfOrder) {
        this(target, dryRun, outOfOrder, Optional.empty());
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false, false);
    }
}
