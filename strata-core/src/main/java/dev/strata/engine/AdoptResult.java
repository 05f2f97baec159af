package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import dev.strata.history.AppliedMigration;
import java.util.List;

/**
 * What {@code adopt} took over.
 *
 * @param database   the database as named to people
 * @param from       the other tool's history it read
 * @param adopted    the strata history rows written, one per file the tool had applied
 *                   (for a dry run, the rows it would write)
 * @param unmatched  what the tool recorded that no file stands for, each with the reason; not recorded
 * @param warnings   files taken over that differ from what the tool ran
 * @param dryRun     true when nothing was written
 */
public record AdoptResult(
        String database,
        ForeignHistory from,
        List<AppliedMigration> adopted,
        List<String> unmatched,
        List<String> warnings,
        boolean dryRun) {

    public AdoptResult {
        adopted = List.copyOf(adopted);
        unmatched = List.copyOf(unmatched);
        warnings = List.copyOf(warnings);
    }
}
