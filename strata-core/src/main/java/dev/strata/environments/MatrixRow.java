package dev.strata.environments;

import dev.strata.engine.MigrationState;
import dev.strata.source.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration across every environment.
 *
 * @param version  as written in the file name (or in a history, when no file has it any more)
 * @param name     the descriptive part of the name
 * @param file     the up file relative to the project, when the folder has it
 * @param states   the migration's state per environment name, in the matrix's environment order; no
 *                 entry for an environment that could not be read, nor for one that has neither the
 *                 file nor a history row (a file deleted after another environment applied it)
 */
public record MatrixRow(Version version, String name, Optional<String> file, Map<String, MigrationState> states) {

    public MatrixRow {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** The state on {@code environment}; empty when it could not be read or has no trace of this version. */
    public Optional<MigrationState> state(String environment) {
        return Optional.ofNullable(states.get(environment));
    }
}
