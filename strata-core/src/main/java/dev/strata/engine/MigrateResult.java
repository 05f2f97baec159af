package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import java.util.List;

/**
 * What {@code migrate} did.
 *
 * @param database  the database as named to people
 * @param planned   the pending migrations it set out to apply, in order
 * @param applied   the history rows it wrote (empty for a dry run)
 * @param skipped   how many planned migrations another process applied first
 * @param dryRun    true when nothing was run
 */
public record MigrateResult(String database, List<PlannedMigration> planned, List<AppliedMigration> applied,
                            int skipped, boolean dryRun) {

    public MigrateResult {
        planned = List.copyOf(planned);
        applied = List.copyOf(applied);
    }
}
