package dev.strata.dialect;

import dev.strata.source.Version;
import java.util.Objects;

/**
 * One migration handed to {@link Database#applyAll}: what its history row records, and its script.
 *
 * @param checksum the file's checksum, as its history row keeps it
 */
public record MigrationScript(Version version, String name, String checksum, ExecutableScript up) {

    public MigrationScript {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(up, "up");
    }
}
