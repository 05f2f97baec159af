package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import java.util.List;

/** What {@code down} reverted, newest first. */
public record DownResult(String database, List<AppliedMigration> reverted) {

    public DownResult {
        reverted = List.copyOf(reverted);
    }
}
