package dev.strata.dialect.postgres;

import dev.strata.costs.CostReport;
import dev.strata.costs.CostReport.ConnectionCount;
import dev.strata.costs.CostReport.IndexCost;
import dev.strata.costs.CostReport.TableCost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code strata inspect} on PostgreSQL, from the catalog and the statistics views: sizes
 * ({@code pg_table_size}, {@code pg_indexes_size}), row estimates ({@code reltuples}, else the
 * statistics' live rows), dead rows, index scans, and the server's connections by state.
 */
final class PostgresCosts {

    private static final String USER_SCHEMAS =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";
    /** A name as people read it: bare in the current schema, qualified elsewhere. */
    private static final String SHOWN =
            "CASE WHEN n.nspname = current_schema() THEN %1$s ELSE n.nspname || '.' || %1$s END";

    private PostgresCosts() {}

    static CostReport read(Connection connection, String database) throws SQLException {
        List<TableCost> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + SHOWN.formatted("c.relname")
                        + ", c.reltuples::bigint, pg_table_size(c.oid), pg_indexes_size(c.oid), s.n_dead_tup,"
                        + " s.n_live_tup FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid WHERE c.relkind IN ('r', 'p', 'm')"
                        + " AND " + USER_SCHEMAS + " ORDER BY pg_total_relation_size(c.oid) DESC, 1")) {
            while (rows.next()) {
                OptionalLong dead = optional(rows, 5);
                OptionalLong live = optional(rows, 6);
                // reltuples is -1 until the table is first vacuumed or analysed: the statistics' count then.
                long estimate = rows.getLong(2) >= 0 ? rows.getLong(2) : live.orElse(0);
                tables.add(new TableCost(
                        rows.getString(1),
                        estimate,
                        OptionalLong.of(rows.getLong(3)),
                        OptionalLong.of(rows.getLong(4)),
                        dead,
                        live));
            }
        }
        List<IndexCost> indexes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + SHOWN.formatted("i.relname") + ", "
                        + SHOWN.formatted("t.relname") + ", pg_relation_size(i.oid), s.idx_scan FROM pg_index x"
                        + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                        + " JOIN pg_namespace n ON n.oid = i.relnamespace LEFT JOIN pg_stat_all_indexes s"
                        + " ON s.indexrelid = i.oid WHERE " + USER_SCHEMAS
                        + " ORDER BY pg_relation_size(i.oid) DESC, 1")) {
            while (rows.next()) {
                indexes.add(new IndexCost(
                        rows.getString(1), rows.getString(2), OptionalLong.of(rows.getLong(3)), optional(rows, 4)));
            }
        }
        List<ConnectionCount> connections = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(datname, ''), coalesce(state, 'unknown'),"
                        + " count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                        + " GROUP BY 1, 2 ORDER BY 1, 2")) {
            while (rows.next()) {
                connections.add(new ConnectionCount(rows.getString(1), rows.getString(2), rows.getLong(3)));
            }
        }
        return new CostReport(
                database,
                tables,
                indexes,
                connections,
                List.of("Index scans and dead rows are counted by PostgreSQL's statistics since they were last"
                        + " reset; row counts are the planner's estimates."));
    }

    private static OptionalLong optional(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
