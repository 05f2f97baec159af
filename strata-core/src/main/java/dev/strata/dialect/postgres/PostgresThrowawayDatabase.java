package dev.strata.dialect.postgres;

import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ThrowawayDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A database created on the user's server for one computation (the shadow database), named
 * {@code strata_shadow_<random>} so that concurrent runs never share one, and dropped by
 * {@link #close()} with {@code WITH (FORCE)}, which also ends sessions a failed computation left open.
 *
 * <p>A run that is killed (a CI timeout) can't drop its database. So the creating session holds an
 * advisory lock whose key is the random part of the name, from before the database exists until
 * after it is dropped, and the server releases it when that session ends, whatever ended it. Each
 * new throwaway first drops the leftovers that are provably strata's own and abandoned: named
 * {@code strata_shadow_} and 16 hex digits, owned by the same role, with no session connected and
 * no session holding its lock.
 *
 * <p>Not thread-safe; {@link #close()} may be called more than once.
 */
final class PostgresThrowawayDatabase implements ThrowawayDatabase {

    /** PostgreSQL's SQLSTATE for a missing privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String PREFIX = "strata_shadow_";
    /** Names of throwaway databases of the current role that no session uses. */
    private static final String UNUSED = "SELECT d.datname FROM pg_database d WHERE d.datname ~ '^" + PREFIX
            + "[0-9a-f]{16}$' AND pg_get_userbyid(d.datdba) = current_user"
            + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)";
    /** The one-bigint advisory locks held on the server: the key's two halves, as pg_locks shows them. */
    private static final String HELD_LOCKS =
            "SELECT classid::bigint, objid::bigint FROM pg_locks" + " WHERE locktype = 'advisory' AND objsubid = 1";

    private final DatabaseUrl server;
    private final DatabaseUrl url;
    private final String name;
    /** The creating session: it holds the lock that says the database is in use, until it is dropped. */
    private final Connection owner;

    private boolean dropped;

    private PostgresThrowawayDatabase(DatabaseUrl server, DatabaseUrl url, String name, Connection owner) {
        this.server = server;
        this.url = url;
        this.name = name;
        this.owner = owner;
    }

    /**
     * Creates the database through a session on {@code server}'s own database.
     *
     * @throws DatabaseException when the server can't be reached or the database can't be created;
     *                           for a role without CREATEDB, saying how to grant it or what to use instead
     */
    static PostgresThrowawayDatabase create(DatabaseUrl server) {
        return create(server, null);
    }

    /**
     * A copy of the live database made by {@code CREATE DATABASE ... TEMPLATE}: a file copy on the
     * server, much quicker than a dump and a restore. PostgreSQL allows it only while no session is
     * connected to the live database, so from a session on the server's {@code postgres} database,
     * and it is empty whenever that fails (an application connected, no {@code postgres} database):
     * the caller then copies through a dump.
     */
    static Optional<PostgresThrowawayDatabase> copyByTemplate(DatabaseUrl live) {
        String source;
        try (Connection connection = PostgresDialect.connect(live);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            source = rows.getString(1);
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(create(live.withDatabase("postgres"), source));
        } catch (DatabaseException e) {
            return Optional.empty();
        }
    }

    private static PostgresThrowawayDatabase create(DatabaseUrl server, String template) {
        long key = RANDOM.nextLong();
        String name = PREFIX + HexFormat.of().toHexDigits(key);
        Connection connection = PostgresDialect.connect(server);
        try (Statement statement = connection.createStatement()) {
            removeAbandoned(statement);
            // Held before the database exists, so that no other run ever sees it unlocked while this one lives.
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            try {
                statement.execute("CREATE DATABASE " + name
                        + (template == null ? "" : " TEMPLATE " + PostgresNames.quote(template)));
            } catch (SQLException e) {
                if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    String role = currentUser(statement);
                    throw new DatabaseException(
                            "could not create a shadow database on the server of "
                                    + PostgresDialect.describe(server) + ": the role " + role + " lacks the CREATEDB"
                                    + " privilege." + System.lineSeparator() + "  Grant it (ALTER ROLE "
                                    + PostgresNames.quote(role) + " CREATEDB), or set shadow_url in strata.toml to an"
                                    + " existing empty database that strata may use instead.",
                            e);
                }
                throw new DatabaseException(
                        "could not create a shadow database on the server of "
                                + PostgresDialect.describe(server) + ": " + PostgresDialect.firstLine(e.getMessage())
                                + System.lineSeparator()
                                + "  Set shadow_url in strata.toml to an existing empty database"
                                + " that strata may use instead.",
                        e);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof DatabaseException known) {
                throw known;
            }
            throw new DatabaseException(
                    "could not create a shadow database on the server of " + PostgresDialect.describe(server) + ": "
                            + PostgresDialect.firstLine(e.getMessage()),
                    e);
        }
        return new PostgresThrowawayDatabase(server, server.withDatabase(name), name, connection);
    }

    /**
     * Drops the throwaway databases that killed runs left: those of this role that no session uses
     * and whose creator's lock is gone. Best effort: one that a session starts using meanwhile, or
     * that the server refuses to drop, stays for a later run.
     */
    private static void removeAbandoned(Statement statement) throws SQLException {
        List<String> unused = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(UNUSED)) {
            while (rows.next()) {
                unused.add(rows.getString(1));
            }
        }
        if (unused.isEmpty()) {
            return;
        }
        Set<Long> locked = new HashSet<>();
        try (ResultSet rows = statement.executeQuery(HELD_LOCKS)) {
            while (rows.next()) {
                locked.add(rows.getLong(1) << 32 | rows.getLong(2));
            }
        }
        for (String abandoned : unused) {
            long key = HexFormat.fromHexDigitsToLong(abandoned.substring(PREFIX.length()));
            if (!locked.contains(key)) {
                try {
                    // Without FORCE: a session that connected since makes the drop fail, and the database stays.
                    statement.execute("DROP DATABASE IF EXISTS " + abandoned);
                } catch (SQLException e) {
                    // Still in use, or not ours to drop after all: a later run looks again.
                }
            }
        }
    }

    @Override
    public DatabaseUrl url() {
        return url;
    }

    /** The database's name on the server. */
    String name() {
        return name;
    }

    /**
     * Drops the database, closing any session still connected to it.
     *
     * @throws DatabaseException when the server refuses, naming the database so it can be dropped by hand
     */
    @Override
    public void close() {
        if (dropped) {
            return;
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        } catch (SQLException e) {
            throw new DatabaseException(
                    "could not drop the shadow database " + name + " on the server of "
                            + PostgresDialect.describe(server) + ": " + PostgresDialect.firstLine(e.getMessage())
                            + System.lineSeparator() + "  Drop it by hand: DROP DATABASE " + name + " WITH (FORCE);",
                    e);
        } finally {
            // Ends the lock: a database the drop missed is a leftover the next run removes.
            closeQuietly(owner);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing ends the session, and with it the lock; a failure here changes neither.
        }
    }

    private static String currentUser(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
