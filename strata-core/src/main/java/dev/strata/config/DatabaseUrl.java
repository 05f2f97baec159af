package dev.strata.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated database location. Holds the password separately so that nothing that
 * prints a URL can leak it: {@link #toString()} and {@link #display()} never include it.
 *
 * @param engine      which database engine the URL is for
 * @param jdbcUrl     the JDBC URL without user or password
 * @param user        the user name, when the URL names one
 * @param password    the password, when the URL carries one; never printed
 * @param sqliteFile  the database file, for SQLite on disk; empty for in-memory SQLite and PostgreSQL
 * @param display     the URL as shown to people, password replaced by {@code ***}
 */
public record DatabaseUrl(
        Engine engine,
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Optional<Path> sqliteFile,
        String display) {

    /** The database engines strata speaks to. */
    public enum Engine { SQLITE, POSTGRES }

    public DatabaseUrl {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sqliteFile, "sqliteFile");
        Objects.requireNonNull(display, "display");
    }

    @Override
    public String toString() {
        return display;
    }
}
