package dev.strata.dialect.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Empties a SQLite database that strata used as a shadow: every view, trigger and table goes. */
final class SqliteReset {

    private SqliteReset() {}

    static void dropEverything(Connection connection) throws SQLException {
        List<String> drops = new ArrayList<>();
        // Virtual tables first: dropping one drops its shadow tables, which can't be dropped on their own.
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name FROM sqlite_master"
                        + " WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                        + " ORDER BY CASE WHEN type = 'table' AND sql LIKE 'CREATE VIRTUAL%' THEN 0"
                        + " WHEN type = 'view' THEN 1 WHEN type = 'trigger' THEN 2 ELSE 3 END, name")) {
            while (rows.next()) {
                drops.add("DROP " + rows.getString(1).toUpperCase(java.util.Locale.ROOT) + " IF EXISTS \""
                        + rows.getString(2).replace("\"", "\"\"") + "\"");
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            for (String drop : drops) {
                statement.execute(drop);
            }
        }
    }
}
