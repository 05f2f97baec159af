package dev.strata.engine;

import dev.strata.dialect.ExecutableScript;
import dev.strata.source.Migration;

/** A pending migration, read and checked, ready to run. */
public record PlannedMigration(Migration migration, ExecutableScript script) {}
