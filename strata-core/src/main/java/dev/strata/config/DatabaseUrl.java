package dev.strata.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated database location. Holds the password separately so that nothing that
 * prints a URL can leak it: {@link #toString()} and {@link #display()} never include it.
 *
 * @param engine      which database engine the URL is for
 * @param jdbcUrl     the JDBC URL without user or password; for remote D1, {@code d1://ACCOUNT_ID/DATABASE_ID}
 * @param user        the user name, when the URL names one
 * @param password    the password, when the URL carries one; for remote D1 the Cloudflare API token; never
 *                    printed
 * @param sqliteFile  the database file, for SQLite on disk; empty for in-memory SQLite and PostgreSQL
 * @param display     the URL as shown to people, password replaced by {@code ***}
 * @param d1          where the Cloudflare API serves a remote D1 database; empty for every other engine
 * @param onlySchema  for PostgreSQL, the one schema strata works on among the others of the database (a
 *                    fleet's tenant schema, {@link #inSchema}): its search path, and all that the schema
 *                    model, {@code drift} and {@code check} look at; empty for the whole database
 */
public record DatabaseUrl(
        Engine engine,
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Optional<Path> sqliteFile,
        String display,
        Optional<D1Address> d1,
        Optional<String> onlySchema) {

    /** The database engines strata speaks to; D1 is a remote SQLite reached over Cloudflare's API. */
    public enum Engine {
        SQLITE,
        POSTGRES,
        D1
    }

    public DatabaseUrl {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sqliteFile, "sqliteFile");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(d1, "d1");
        Objects.requireNonNull(onlySchema, "onlySchema");
    }

    /** A URL of the whole database. */
    public DatabaseUrl(
            Engine engine,
            String jdbcUrl,
            Optional<String> user,
            Optional<String> password,
            Optional<Path> sqliteFile,
            String display,
            Optional<D1Address> d1) {
        this(engine, jdbcUrl, user, password, sqliteFile, display, d1, Optional.empty());
    }

    /** A URL of a database strata reaches through a JDBC driver. */
    public DatabaseUrl(
            Engine engine,
            String jdbcUrl,
            Optional<String> user,
            Optional<String> password,
            Optional<Path> sqliteFile,
            String display) {
        this(engine, jdbcUrl, user, password, sqliteFile, display, Optional.empty());
    }

    /**
     * The same PostgreSQL server, user, password and parameters, but another database: how strata
     * reaches a shadow database it created next to this one. The password stays out of the
     * printable forms, as in this URL.
     *
     * @param database the other database's name (percent-encoded here where a URL needs it)
     * @throws IllegalArgumentException for a SQLite URL, which names a file, not a server
     */
    public DatabaseUrl withDatabase(String database) {
        if (engine != Engine.POSTGRES) {
            throw new IllegalArgumentException("only a PostgreSQL URL names a server with other databases: " + display);
        }
        Objects.requireNonNull(database, "database");
        String encoded = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return new DatabaseUrl(
                engine,
                replaceDatabase(jdbcUrl, encoded),
                user,
                password,
                sqliteFile,
                replaceDatabase(display, encoded),
                d1,
                onlySchema);
    }

    /**
     * The same PostgreSQL database with {@code schema} as the session's search path (the driver's
     * {@code currentSchema} parameter): unqualified names in migrations then mean that schema's
     * objects, and the schema model holds that schema alone ({@link #onlySchema()}), so that drift
     * and check judge it apart from the others. How a fleet reaches one tenant's schema among many
     * in one database.
     *
     * @throws IllegalArgumentException for a URL of another engine, whose databases have no schemas
     */
    public DatabaseUrl inSchema(String schema) {
        if (engine != Engine.POSTGRES) {
            throw new IllegalArgumentException("only a PostgreSQL database has schemas: " + display);
        }
        String parameter = "currentSchema="
                + URLEncoder.encode(Objects.requireNonNull(schema, "schema"), StandardCharsets.UTF_8)
                        .replace("+", "%20");
        return new DatabaseUrl(
                engine,
                withParameter(jdbcUrl, parameter),
                user,
                password,
                sqliteFile,
                withParameter(display, parameter),
                d1,
                Optional.of(schema));
    }

    private static String withParameter(String url, String parameter) {
        return url + (url.indexOf('?') < 0 ? "?" : "&") + parameter;
    }

    /** Replaces the path of {@code scheme://authority/database?query}. */
    private static String replaceDatabase(String url, String database) {
        int authorityStart = url.indexOf("://") + 3;
        int pathStart = url.indexOf('/', authorityStart);
        int queryStart = url.indexOf('?', authorityStart);
        if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
            // Parsed PostgreSQL URLs always name a database; keep the query where it is regardless.
            int end = queryStart < 0 ? url.length() : queryStart;
            return url.substring(0, end) + "/" + database + url.substring(end);
        }
        int pathEnd = queryStart < 0 ? url.length() : queryStart;
        return url.substring(0, pathStart + 1) + database + url.substring(pathEnd);
    }

    @Override
    public String toString() {
        return display;
    }
}
