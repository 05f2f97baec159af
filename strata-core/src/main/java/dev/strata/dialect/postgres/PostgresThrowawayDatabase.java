package dev.strata.dialect.postgres;

import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ThrowawayDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A database created on the user's server for one computation (the shadow database), named
 * {@code strata_shadow_<random>} so that concurrent runs never share one, and dropped by
 * {@link #close()} with {@code WITH (FORCE)}, which also ends sessions a failed computation left open.
 *
 * <p>Not thread-safe; {@link #close()} may be called more than once.
 */
final class PostgresThrowawayDatabase implements ThrowawayDatabase {

    /** PostgreSQL's SQLSTATE for a missing privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl server;
    private final DatabaseUrl url;
    private final String name;
    private boolean dropped;

    private PostgresThrowawayDatabase(DatabaseUrl server, DatabaseUrl url, String name) {
        this.server = server;
        this.url = url;
        this.name = name;
    }

    /**
     * Creates the database through a session on {@code server}'s own database.
     *
     * @throws DatabaseException when the server can't be reached or the database can't be created;
     *                           for a role without CREATEDB, saying how to grant it or what to use instead
     */
    static PostgresThrowawayDatabase create(DatabaseUrl server) {
        String name = "strata_shadow_" + HexFormat.of().formatHex(randomBytes());
        try (Connection connection = PostgresDialect.connect(server);
             Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                    String role = currentUser(statement);
                    throw new DatabaseException("could not create a shadow database on the server of "
                            + PostgresDialect.describe(server) + ": the role " + role + " lacks the CREATEDB"
                            + " privilege." + System.lineSeparator() + "  Grant it (ALTER ROLE "
                            + PostgresNames.quote(role) + " CREATEDB), or set shadow_url in strata.toml to an"
                            + " existing empty database that strata may use instead.", e);
                }
                throw new DatabaseException("could not create a shadow database on the server of "
                        + PostgresDialect.describe(server) + ": " + PostgresDialect.firstLine(e.getMessage())
                        + System.lineSeparator() + "  Set shadow_url in strata.toml to an existing empty database"
                        + " that strata may use instead.", e);
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not create a shadow database on the server of "
                    + PostgresDialect.describe(server) + ": " + PostgresDialect.firstLine(e.getMessage()), e);
        }
        return new PostgresThrowawayDatabase(server, server.withDatabase(name), name);
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
        try (Connection connection = PostgresDialect.connect(server);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        } catch (SQLException | DatabaseException e) {
            throw new DatabaseException("could not drop the shadow database " + name + " on the server of "
                    + PostgresDialect.describe(server) + ": " + PostgresDialect.firstLine(e.getMessage())
                    + System.lineSeparator() + "  Drop it by hand: DROP DATABASE " + name + " WITH (FORCE);", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String currentUser(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
