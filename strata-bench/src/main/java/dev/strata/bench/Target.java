package dev.strata.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One fresh, empty database, addressed the way each contender wants it.
 *
 * @param engine    {@code sqlite} or {@code postgres}
 * @param strataUrl the URL as a strata user writes it
 * @param jdbcUrl   the JDBC URL, without credentials
 * @param user      the user, or null (SQLite)
 * @param password  the password, or null
 */
public record Target(String engine, String strataUrl, String jdbcUrl, String user, String password) {

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
