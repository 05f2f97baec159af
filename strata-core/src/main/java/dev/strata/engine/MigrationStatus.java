package dev.strata.engine;

import dev.strata.source.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code strata status}.
 *
 * @param version      as written in the file name (or in the history, for a missing file)
 * @param name         descriptive part of the name
 * @param state        where it stands
 * @param file         the up file, relative to the project; empty when missing
 * @param appliedAt    when it was applied; empty when pending
 * @param executionMs  how long it took; empty when pending
 * @param outOfOrder   true for a pending migration whose version is below the highest applied one
 */
public record MigrationStatus(
        Version version,
        String name,
        MigrationState state,
        Optional<String> file,
        Optional<Instant> appliedAt,
        Optional<Long> executionMs,
        boolean outOfOrder) {}
