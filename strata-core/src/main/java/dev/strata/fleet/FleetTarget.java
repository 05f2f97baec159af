package dev.strata.fleet;

import dev.strata.config.DatabaseUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * One database of a fleet, found and checked.
 *
 * @param name        how people and the summary file name it, unique in the fleet and free of
 *                    passwords: the URL as displayed ({@code sqlite:tenants/acme.db}), {@code env:NAME}
 *                    for an environment of strata.toml, and {@code #SCHEMA} after either for one
 *                    PostgreSQL schema of a database
 * @param origin      {@code FILE:LINE} of the fleet file's entry it came from
 * @param environment the strata.toml environment it is, when it is one
 * @param url         the URL as written (it may hold a password: never printed), when not an environment
 * @param schema      the PostgreSQL schema it is, with its own history, in that database
 * @param database    the database, password kept apart; for a schema, with that schema as search path
 */
public record FleetTarget(
        String name,
        String origin,
        Optional<String> environment,
        Optional<String> url,
        Optional<String> schema,
        DatabaseUrl database) {

    public FleetTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(database, "database");
        if (environment.isPresent() == url.isPresent()) {
            throw new IllegalArgumentException("a target is an environment or a URL: " + name);
        }
    }

    /** The name only: the record's other fields include the URL as written, which may hold a password. */
    @Override
    public String toString() {
        return name;
    }
}
