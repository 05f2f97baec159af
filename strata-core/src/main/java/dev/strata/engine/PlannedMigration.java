package dev.strata.engine;

import dev.strata.dialect.ExecutableScript;
import dev.strata.source.Migration;
import java.util.Optional;

/**
 * A pending migration, read and checked, ready to run.
 *
 * @param notice what the user should know about how it runs (outside a transaction because of what
 *               it holds, or doing nothing), shown when it runs
 */
public record PlannedMigration(Migration migration, ExecutableScript script, Optional<String> notice) {

    public PlannedMigration(Migration migration, ExecutableScript script) {
        this(migration, script, Optional.empty());
    }
}
