package dev.strata.testing;

import dev.strata.config.DatabaseUrls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Plain JDBC for tests that look at a database behind strata's back. */
public final class Jdbc {

    private Jdbc() {}

    /** Turns a strata test URL into a JDBC URL (tests use no passwords). */
    public static String jdbcUrl(String strataUrl) {
        if (strataUrl.startsWith("sqlite:")) {
            // strata's own parser, so that forms such as sqlite::memory:NAME reach the same database
            return DatabaseUrls.parse(strataUrl, Path.of("")).jdbcUrl();
        }
        if (strataUrl.startsWith("postgres://")) {
            String rest = strataUrl.substring("postgres://".length());
            String user = rest.substring(0, rest.indexOf('@'));
            String hostAndDb = rest.substring(rest.indexOf('@') + 1);
            return "jdbc:postgresql://" + hostAndDb + "?user=" + user;
        }
        return strataUrl;
    }

    public static Connection connect(String strataUrl) throws SQLException {
        Properties properties = new Properties();
        if (strataUrl.startsWith("sqlite:")) {
            // Tests look while strata writes; wait for a writer's commit instead of failing with SQLITE_BUSY.
            properties.setProperty("busy_timeout", "30000");
        }
        return DriverManager.getConnection(jdbcUrl(strataUrl), properties);
    }

    /** Every row of a query, each row's columns as strings. */
    public static List<List<String>> query(String strataUrl, String sql) {
        try (Connection connection = connect(strataUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    public static long count(String strataUrl, String sql) {
        return Long.parseLong(query(strataUrl, sql).get(0).get(0));
    }

    public static void execute(String strataUrl, String sql) {
        try (Connection connection = connect(strataUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql + ": " + e.getMessage(), e);
        }
    }
}
