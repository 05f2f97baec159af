package dev.strata.engine;

import java.util.List;
import java.util.Optional;

/**
 * What {@code strata reset} dropped (or, for a dry run, would drop) and what it applied again.
 *
 * @param database  the database as named to people
 * @param dropped   each object for people ({@code table users}), in the order dropped
 * @param kept      tables left alone: other tools' histories
 * @param migrated  the migrate run that followed; empty for a dry run
 */
public record ResetResult(String database, List<String> dropped, List<String> kept, Optional<MigrateResult> migrated) {

    public ResetResult {
        dropped = List.copyOf(dropped);
        kept = List.copyOf(kept);
    }

    public boolean dryRun() {
        return migrated.isEmpty();
    }
}
