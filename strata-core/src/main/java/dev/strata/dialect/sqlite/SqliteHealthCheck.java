package dev.strata.dialect.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQLite's own health checks: {@code PRAGMA integrity_check} (corruption, out-of-order or missing
 * index entries, NOT NULL and CHECK violations) and {@code PRAGMA foreign_key_check} (rows whose
 * parent row is gone, which happens silently while foreign_keys is off, SQLite's default).
 */
final class SqliteHealthCheck {

    private SqliteHealthCheck() {}

    static List<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!"ok".equals(line)) {
                    problems.add("integrity_check: " + line + " (restore from a backup, or rebuild the damaged"
                            + " table or index, e.g. REINDEX)");
                }
            }
        }
        // One line per child table and parent, with a count: a table with a million orphans should not
        // print a million lines.
        Map<String, Long> orphans = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
            while (rows.next()) {
                orphans.merge(rows.getString(1) + "\u0000" + rows.getString(3), 1L, Long::sum);
            }
        }
        orphans.forEach((key, count) -> {
            String[] tables = key.split("\u0000", 2);
            problems.add("foreign_key_check: " + count + (count == 1 ? " row" : " rows") + " of " + tables[0]
                    + " point at missing rows of " + tables[1] + " (find them with PRAGMA foreign_key_check("
                    + tables[0] + "), then delete or fix them)");
        });
        return problems;
    }
}
