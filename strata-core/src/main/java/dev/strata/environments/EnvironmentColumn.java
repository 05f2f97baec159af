package dev.strata.environments;

import dev.strata.config.DatabaseUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * One environment of the matrix: its database, or why it could not be read.
 *
 * @param name         the environment's name in strata.toml
 * @param url          its database, when its URL could be worked out (it holds the password apart,
 *                     so that a caller printing messages can hide it)
 * @param database     the database as named to people, password hidden; empty when unreachable
 *                     before a database could be named
 * @param unreachable  why the environment could not be read (unset variable, bad URL, connection
 *                     refused, ...); empty when it was read
 */
public record EnvironmentColumn(
        String name, Optional<DatabaseUrl> url, Optional<String> database, Optional<String> unreachable) {

    public EnvironmentColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(unreachable, "unreachable");
    }

    public boolean reachable() {
        return unreachable.isEmpty();
    }
}
