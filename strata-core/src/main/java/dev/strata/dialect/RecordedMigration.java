package dev.strata.dialect;

import dev.strata.source.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration to write into the history without running it: one that {@code baseline} declares
 * already in the schema, or one that another tool applied and {@code adopt} takes over.
 *
 * @param version      the file's version
 * @param name         the file's descriptive name
 * @param checksum     the file's checksum, so that later edits are noticed as for any applied migration
 * @param appliedAt    when it really ran, when the other tool recorded it; empty means now
 * @param executionMs  how long it took, when known; else 0
 */
public record RecordedMigration(
        Version version, String name, String checksum, Optional<Instant> appliedAt, long executionMs) {

    public RecordedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }
}
