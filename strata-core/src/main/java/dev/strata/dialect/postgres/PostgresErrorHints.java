package dev.strata.dialect.postgres;

import dev.strata.dialect.ErrorHints;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to do about the PostgreSQL errors people meet when they migrate: an extension the server
 * lacks, a privilege the user lacks, a login the server refuses, a server that isn't there, a full
 * disk or a file-size limit, a lost connection. Read from the SQLSTATE and the server's message; stateless.
 */
final class PostgresErrorHints implements ErrorHints {

    /** Extensions that ship with PostgreSQL itself (its contrib modules). */
    private static final Set<String> CONTRIB = Set.of(
            "pgcrypto",
            "uuid-ossp",
            "hstore",
            "citext",
            "pg_trgm",
            "btree_gin",
            "btree_gist",
            "ltree",
            "cube",
            "earthdistance",
            "fuzzystrmatch",
            "intarray",
            "tablefunc",
            "unaccent",
            "pg_stat_statements",
            "postgres_fdw",
            "dblink",
            "isn",
            "lo",
            "seg",
            "tcn",
            "pgrowlocks",
            "pgstattuple",
            "pg_buffercache",
            "pg_prewarm",
            "amcheck",
            "bloom",
            "tsm_system_rows",
            "tsm_system_time",
            "file_fdw",
            "intagg");

    /** The Debian/Ubuntu package (PGDG naming, {@code %s} the server's major version) of other extensions. */
    private static final Map<String, String> PACKAGES = Map.of(
            "timescaledb", "timescaledb-2-postgresql-%s (from Timescale's own package repository)",
            "postgis", "postgresql-%s-postgis-3",
            "postgis_topology", "postgresql-%s-postgis-3",
            "vector", "postgresql-%s-pgvector",
            "pg_cron", "postgresql-%s-cron",
            "pg_partman", "postgresql-%s-partman",
            "pgaudit", "postgresql-%s-pgaudit",
            "hypopg", "postgresql-%s-hypopg",
            "pg_repack", "postgresql-%s-repack");

    /** Types and functions people use before creating the extension that defines them. */
    private static final Map<String, String> PROVIDED_BY = Map.ofEntries(
            Map.entry("geometry", "postgis"),
            Map.entry("geography", "postgis"),
            Map.entry("vector", "vector"),
            Map.entry("hstore", "hstore"),
            Map.entry("citext", "citext"),
            Map.entry("ltree", "ltree"),
            Map.entry("create_hypertable", "timescaledb"),
            Map.entry("time_bucket", "timescaledb"),
            Map.entry("crypt", "pgcrypto"),
            Map.entry("gen_salt", "pgcrypto"),
            Map.entry("digest", "pgcrypto"),
            Map.entry("uuid_generate_v4", "uuid-ossp"),
            Map.entry("similarity", "pg_trgm"));

    private static final Pattern EXTENSION = Pattern.compile("extension \"([^\"]+)\"");
    private static final Pattern CONTROL_FILE =
            Pattern.compile("extension control file \"[^\"]*/([^/\"]+)\\.control\"");
    private static final Pattern DENIED = Pattern.compile("permission denied for (\\w+(?: \\w+)?) (\\S+)");
    private static final Pattern OWNER = Pattern.compile("must be owner of (\\w+(?: \\w+)?) (\\S+)");
    private static final Pattern MISSING =
            Pattern.compile("(?:type|function) \"?([\\w.]+)\"?(?:\\(.*\\))? does not exist");

    private static final String FILE_TOO_LARGE = "A file of the database reached the largest size the server may"
            + " write: a file-size limit on the server's processes (RLIMIT_FSIZE: ulimit -f in the shell, or"
            + " LimitFSIZE= in the systemd unit, that starts it), or the file system's largest file. Raise or remove"
            + " the limit and restart the server, then run again.";

    @Override
    public Optional<String> hint(SQLException error, Where where) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        String message = error.getMessage() == null ? "" : error.getMessage();
        String user = user(where.session());
        return Optional.ofNullable(
                switch (state) {
                    case "28P01" ->
                        "The server refused the password for " + user + ": correct it where the URL"
                                + " gets it (the URL, PGPASSWORD or the environment variable strata.toml names); strata"
                                + " never prints it.";
                    case "28000" ->
                        noEncryption(message)
                                ? "The server accepts " + user + " only over SSL: add sslmode=require (or verify-full,"
                                        + " with the server's certificate) to the URL."
                                : "The server does not let " + user + " in from this host to this database: check the"
                                        + " user name, and that the server's pg_hba.conf has a line for this host, user"
                                        + " and database.";
                    case "3D000" ->
                        "That database does not exist on the server: create it (createdb, or CREATE"
                                + " DATABASE as a user allowed to), or correct the database name in the URL.";
                    case "53100" ->
                        "The server's disk is full: free space on the volume that holds its data"
                                + " directory (SHOW data_directory), or grow it, then run again.";
                    case "42501" -> privilege(message, user, where.statement());
                    case "58P01", "0A000", "22023" -> missingExtension(message, where.session());
                    case "42704", "42883" -> fromExtension(message, where.session());
                    // EFBIG has no SQLSTATE of its own: PostgreSQL files it as an internal error (XX000).
                    case "XX000" -> message.contains("File too large") ? FILE_TOO_LARGE : null;
                    default -> connection(state, message, error, where);
                });
    }

    private static boolean noEncryption(String message) {
        return message.contains("no encryption") || message.contains("SSL off");
    }

    private static String connection(String state, String message, SQLException error, Where where) {
        if (message.contains("does not support SSL")) {
            return "The URL asks for SSL (sslmode), but this server offers none: drop sslmode from the URL, or turn"
                    + " ssl on in the server's configuration.";
        }
        if (where.session().isEmpty() && cause(error, ConnectException.class)) {
            return "Nothing accepts connections at that host and port: start the server, or correct the host and"
                    + " port in the URL (PostgreSQL listens on 5432 unless told otherwise).";
        }
        if (where.session().isEmpty() && cause(error, UnknownHostException.class)) {
            return "The host name in the URL does not resolve: correct it, or use the server's IP address.";
        }
        // 08: the connection broke (the driver's "I/O error"); 57P: the server shut down or crashed.
        if (where.session().isPresent() && (state.startsWith("08") || state.startsWith("57P"))) {
            return "Nothing more came from the server: the connection to the server was lost (the server stopped,"
                    + " crashed or ended this session); once it runs again, 'strata status' shows what was recorded.";
        }
        return null;
    }

    private static boolean cause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String privilege(String message, String user, String statement) {
        Matcher extension = EXTENSION.matcher(message);
        if (message.contains("create extension") && extension.find()) {
            return "Creating the extension " + extension.group(1) + " needs a superuser (or, for an extension"
                    + " marked trusted, PostgreSQL 13+ and the CREATE privilege on the database): have a superuser"
                    + " run CREATE EXTENSION IF NOT EXISTS " + quoted(extension.group(1)) + " once, and the"
                    + " migration's own CREATE EXTENSION IF NOT EXISTS then passes.";
        }
        Matcher denied = DENIED.matcher(message);
        if (denied.find()) {
            String kind = denied.group(1).toUpperCase(Locale.ROOT);
            String object = denied.group(2);
            String needed = needed(kind, statement);
            return user + " lacks the " + needed + " privilege on " + kind.toLowerCase(Locale.ROOT) + " " + object
                    + ": have its owner (or a superuser) run GRANT " + needed + " ON " + grantKind(kind) + " "
                    + object + " TO " + grantee(user) + ", or run the migrations as a user that holds it.";
        }
        Matcher owner = OWNER.matcher(message);
        if (owner.find()) {
            String kind = owner.group(1);
            return "Only the owner of " + kind + " " + owner.group(2) + " (or a superuser) may change it, and "
                    + user + " is not: run the migrations as the owner, or have the owner run ALTER "
                    + kind.toUpperCase(Locale.ROOT) + " " + owner.group(2) + " OWNER TO " + grantee(user) + ".";
        }
        return null;
    }

    /** The privilege a statement needs on an object of that kind, from the statement's first word. */
    private static String needed(String kind, String statement) {
        String first = statement.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (kind.equals("SCHEMA") || kind.equals("DATABASE")) {
            return first.equals("CREATE") || first.equals("ALTER") ? "CREATE" : "USAGE";
        }
        if (kind.equals("SEQUENCE")) {
            return "USAGE";
        }
        if (kind.equals("FUNCTION") || kind.equals("PROCEDURE")) {
            return "EXECUTE";
        }
        return switch (first) {
            case "INSERT", "UPDATE", "DELETE", "TRUNCATE", "SELECT" -> first;
            case "ALTER", "CREATE" -> "REFERENCES";
            default -> "SELECT";
        };
    }

    private static String grantKind(String kind) {
        return switch (kind) {
            case "TABLE", "VIEW", "MATERIALIZED VIEW", "RELATION" -> "TABLE";
            default -> kind;
        };
    }

    private static String missingExtension(String message, Optional<Connection> session) {
        Matcher control = CONTROL_FILE.matcher(message);
        Matcher named = EXTENSION.matcher(message);
        boolean notInstalled = control.find() || message.contains("is not available");
        if (!notInstalled || !(named.find() || control.find(0))) {
            return null;
        }
        String name = named.find(0) ? named.group(1) : control.group(1);
        return "The extension " + name + " is not installed on the database server (it is not in"
                + " pg_available_extensions): install " + packageOf(name, session) + " on the server, then"
                + " CREATE EXTENSION can run.";
    }

    private static String fromExtension(String message, Optional<Connection> session) {
        Matcher missing = MISSING.matcher(message);
        if (!missing.find()) {
            return null;
        }
        String object = missing.group(1);
        String name = object.substring(object.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String extension = PROVIDED_BY.get(name);
        if (extension == null) {
            return null;
        }
        return name + " comes from the extension " + extension + ": add CREATE EXTENSION IF NOT EXISTS "
                + quoted(extension) + " to an earlier migration (if SELECT name FROM pg_available_extensions WHERE"
                + " name = '" + extension + "' returns nothing, first install " + packageOf(extension, session)
                + " on the server).";
    }

    /** Which package provides the extension on Debian or Ubuntu (PGDG), for the server's major version. */
    static String packageOf(String extension, Optional<Connection> session) {
        String major = session.flatMap(PostgresErrorHints::major).orElse("<major version>");
        if (CONTRIB.contains(extension)) {
            return "PostgreSQL's contrib modules (part of postgresql-" + major + " on Debian and Ubuntu, the"
                    + " postgresql" + major + "-contrib package on Red Hat-like systems)";
        }
        String known = PACKAGES.get(extension);
        return known != null
                ? "the package " + known.formatted(major)
                : "the package that provides it (on Debian and Ubuntu usually postgresql-" + major + "-"
                        + extension.replace('_', '-') + ")";
    }

    private static Optional<String> major(Connection session) {
        try {
            return Optional.of(String.valueOf(session.getMetaData().getDatabaseMajorVersion()));
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String user(Optional<Connection> session) {
        return session.flatMap(connection -> {
                    try {
                        return Optional.ofNullable(connection.getMetaData().getUserName());
                    } catch (SQLException | RuntimeException e) {
                        return Optional.empty();
                    }
                })
                .map(name -> "the user " + name)
                .orElse("this user");
    }

    private static String grantee(String user) {
        return user.startsWith("the user ") ? user.substring("the user ".length()) : "<user>";
    }

    private static String quoted(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name + "\"";
    }
}
