package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import java.util.List;

/**
 * What {@code repair} cleared.
 *
 * @param cleared    the failed history rows it deleted
 * @param leftovers  what the database still shows of them (e.g. INVALID indexes), for the user to check
 */
public record RepairResult(String database, List<AppliedMigration> cleared, List<String> leftovers) {

    public RepairResult {
        cleared = List.copyOf(cleared);
        leftovers = List.copyOf(leftovers);
    }
}
