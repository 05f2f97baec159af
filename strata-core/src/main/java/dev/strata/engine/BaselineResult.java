package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import dev.strata.source.Version;
import java.util.List;

/**
 * What {@code baseline} recorded.
 *
 * @param database  the database as named to people
 * @param version   the baseline version: it and every version before it count as applied
 * @param recorded  the history rows written (for a dry run, the rows it would write)
 * @param dryRun    true when nothing was written
 */
public record BaselineResult(String database, Version version, List<AppliedMigration> recorded, boolean dryRun) {

    public BaselineResult {
        recorded = List.copyOf(recorded);
    }
}
