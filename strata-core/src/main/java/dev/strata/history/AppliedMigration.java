package dev.strata.history;

import dev.strata.source.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table.
 *
 * @param version      the version as written in the file name when it was applied
 * @param name         the descriptive part of the file name
 * @param checksum     checksum of the up script that ran
 * @param appliedAt    when it finished (or, for a failed one, when it started), UTC
 * @param appliedBy    the database user that applied it
 * @param executionMs  how long its statements took
 * @param success      false only for a no-transaction migration that did not finish
 */
public record AppliedMigration(
        Version version,
        String name,
        String checksum,
        Instant appliedAt,
        String appliedBy,
        long executionMs,
        boolean success) {

    public AppliedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(appliedBy, "appliedBy");
    }

    public String label() {
        return name.isEmpty() || version.repeatable() ? version.text() : version.text() + "_" + name;
    }
}
