package dev.strata.junit;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One test's own copy of the migrated database.
 *
 * @param url        the database as strata writes it ({@code sqlite:/...} or {@code postgres://...}),
 *                   for {@code Strata.configure().url(...)}
 * @param jdbcUrl    the same database as a JDBC URL
 * @param dataSource a data source that opens connections to it
 */
public record MigratedDatabase(String url, String jdbcUrl, DataSource dataSource) {

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }
}
