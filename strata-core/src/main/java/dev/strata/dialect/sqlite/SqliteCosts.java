package dev.strata.dialect.sqlite;

import dev.strata.costs.CostReport;
import dev.strata.costs.CostReport.IndexCost;
import dev.strata.costs.CostReport.TableCost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code strata inspect} on SQLite: rows counted (SQLite keeps no estimate unless ANALYZE ran), sizes
 * from the {@code dbstat} virtual table where the build has it, and no index use, which SQLite
 * does not record.
 */
final class SqliteCosts {

    private SqliteCosts() {}

    static CostReport read(Connection connection, String database) throws SQLException {
        Map<String, String> indexTables = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT type, name, tbl_name FROM sqlite_master"
                        + " WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                        + " AND (sql IS NULL OR sql NOT LIKE 'CREATE VIRTUAL%') ORDER BY name")) {
            while (rows.next()) {
                if (rows.getString(1).equals("table")) {
                    tables.add(rows.getString(2));
                } else {
                    indexTables.put(rows.getString(2), rows.getString(3));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("SQLite records no index use; rows are counted, not estimated.");
        Map<String, Long> sizes = pageSizes(connection, notes);
        Map<String, Long> indexBytes = new HashMap<>();
        indexTables.forEach((index, table) -> indexBytes.merge(table, sizes.getOrDefault(index, 0L), Long::sum));
        List<TableCost> tableCosts = new ArrayList<>();
        for (String table : tables) {
            tableCosts.add(new TableCost(
                    table,
                    count(connection, table),
                    known(sizes, table),
                    sizes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(indexBytes.getOrDefault(table, 0L)),
                    OptionalLong.empty(),
                    OptionalLong.empty()));
        }
        tableCosts.sort(Comparator.comparingLong((TableCost t) -> t.bytes().orElse(t.rows()))
                .reversed());
        List<IndexCost> indexCosts = new ArrayList<>();
        indexTables.forEach((index, table) ->
                indexCosts.add(new IndexCost(index, table, known(sizes, index), OptionalLong.empty())));
        indexCosts.sort(
                Comparator.comparingLong((IndexCost i) -> i.bytes().orElse(0)).reversed());
        return new CostReport(database, tableCosts, indexCosts, List.of(), notes);
    }

    /** Bytes of each table and index, from dbstat; empty (with a note) where the build lacks it. */
    private static Map<String, Long> pageSizes(Connection connection, List<String> notes) {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")) {
            while (rows.next()) {
                sizes.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            notes.add("This SQLite build has no dbstat table, so sizes are not known.");
            sizes.clear();
        }
        return sizes;
    }

    private static OptionalLong known(Map<String, Long> sizes, String name) {
        Long bytes = sizes.get(name);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
