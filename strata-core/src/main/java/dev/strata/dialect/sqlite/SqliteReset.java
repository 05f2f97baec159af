package dev.strata.dialect.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Empties a SQLite database: every view, trigger and table of the main database (indexes go with
 * their tables). Used on a shadow that strata filled itself, and by {@code strata reset}, which
 * may leave named tables alone (other tools' histories).
 */
final class SqliteReset {

    /** One object to drop: its type as sqlite_master writes it, and its name. */
    record Dropped(String type, String name) {
        String describe() {
            return type + " " + name;
        }

        String statement() {
            return "DROP " + type.toUpperCase(Locale.ROOT) + " IF EXISTS \"" + name.replace("\"", "\"\"") + "\"";
        }
    }

    private SqliteReset() {}

    static void dropEverything(Connection connection) throws SQLException {
        drop(connection, objects(connection, Set.of()));
    }

    /** What {@link #drop} will drop, in its order, leaving the tables named in {@code keep} and their triggers. */
    static List<Dropped> objects(Connection connection, Set<String> keep) throws SQLException {
        List<Dropped> drops = new ArrayList<>();
        // Virtual tables first: dropping one drops its shadow tables, which can't be dropped on their own.
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name FROM sqlite_master"
                        + " WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                        + " ORDER BY CASE WHEN type = 'table' AND sql LIKE 'CREATE VIRTUAL%' THEN 0"
                        + " WHEN type = 'view' THEN 1 WHEN type = 'trigger' THEN 2 ELSE 3 END, name")) {
            while (rows.next()) {
                if (!keep.contains(rows.getString(3))) {
                    drops.add(new Dropped(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return drops;
    }

    /** Drops {@code objects}, foreign keys off so the order of tables does not matter. */
    static void drop(Connection connection, List<Dropped> objects) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            for (Dropped object : objects) {
                statement.execute(object.statement());
            }
        }
    }
}
