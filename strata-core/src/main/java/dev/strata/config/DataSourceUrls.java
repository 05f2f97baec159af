package dev.strata.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database behind an application's DataSource, as a {@link DatabaseUrl}: frameworks hand out
 * DataSources, not URLs. Strata asks one connection for its JDBC URL and user, and takes the
 * password from the DataSource's {@code password} bean property when it has one (HikariCP, the
 * PostgreSQL driver's data sources and Spring's all do). From then on strata opens its own
 * connections, with its own settings (SQLite's busy handler, PostgreSQL's session lock) and, on
 * PostgreSQL, to a shadow database beside the application's.
 */
final class DataSourceUrls {

    private DataSourceUrls() {}

    static DatabaseUrl of(DataSource dataSource, Path projectDir) {
        String jdbcUrl;
        Optional<String> user;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            jdbcUrl = metadata.getURL();
            user = Optional.ofNullable(metadata.getUserName()).filter(name -> !name.isBlank());
        } catch (SQLException e) {
            throw new ConfigurationException("could not connect through the application's DataSource to find its"
                    + " database: " + e.getMessage());
        }
        if (jdbcUrl == null || !(jdbcUrl.startsWith("jdbc:sqlite:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
            throw new ConfigurationException("the application's DataSource connects to "
                    + (jdbcUrl == null ? "a database that names no JDBC URL" : DatabaseUrls.redact(jdbcUrl))
                    + "; strata migrates SQLite and PostgreSQL databases (and D1 by its own URLs)");
        }
        DatabaseUrl url = DatabaseUrls.parse(jdbcUrl, projectDir);
        if (url.engine() == DatabaseUrl.Engine.SQLITE) {
            return url;
        }
        return new DatabaseUrl(
                url.engine(),
                url.jdbcUrl(),
                url.user().or(() -> user),
                url.password().or(() -> password(dataSource)),
                url.sqliteFile(),
                url.display(),
                url.d1());
    }

    /**
     * The DataSource's public {@code String getPassword()}, the JavaBeans convention its class
     * follows; empty when it has none. (Plain reflection: java.beans would pull in java.desktop.)
     */
    private static Optional<String> password(DataSource dataSource) {
        try {
            Method getter = dataSource.getClass().getMethod("getPassword");
            if (getter.getReturnType() == String.class && getter.getParameterCount() == 0) {
                return Optional.ofNullable((String) getter.invoke(dataSource));
            }
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            // No readable password: strata connects without one, and the server says if it wants one.
        }
        return Optional.empty();
    }
}
