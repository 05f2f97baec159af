package dev.strata.dialect.sqlite;

import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Identifiers;
import dev.strata.dialect.QueryPlan;
import dev.strata.dialect.QueryPlanner;
import dev.strata.schema.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN QUERY PLAN} on SQLite. A step {@code SCAN orders} (or {@code SCAN TABLE orders} before
 * SQLite 3.36) without {@code USING ... INDEX} reads the whole table. SQLite names the table by the
 * alias the query gave it, so aliases are resolved against the query's FROM and JOIN clauses.
 */
final class SqliteQueryPlanner implements QueryPlanner {

    private static final String MAIN = "main";
    private static final Pattern SCAN = Pattern.compile("SCAN (?:TABLE )?(\\S+)(?: AS (\\S+))?( USING .*)?");

    private final Connection connection;
    private final Function<SQLException, String> messages;

    SqliteQueryPlanner(Connection connection, Function<SQLException, String> messages) {
        this.connection = connection;
        this.messages = messages;
    }

    @Override
    public QueryPlan plan(String sql) {
        List<String> lines = new ArrayList<>();
        List<QueryPlan.FullScan> scans = new ArrayList<>();
        Map<Integer, Integer> depthOf = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rows.next()) {
                int id = rows.getInt("id");
                int depth = depthOf.getOrDefault(rows.getInt("parent"), -1) + 1;
                depthOf.put(id, depth);
                String detail = rows.getString("detail");
                lines.add("  ".repeat(depth) + detail);
                fullScan(detail, sql).ifPresent(scans::add);
            }
        } catch (SQLException e) {
            throw new DatabaseException(messages.apply(e), e);
        }
        return new QueryPlan(lines, scans);
    }

    @Override
    public long rowCount(QualifiedName table) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified(table))) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException("could not count the rows of " + display(table) + ": " + messages.apply(e), e);
        }
    }

    @Override
    public long countRows(QualifiedName table, long atMost) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + qualified(table)
                     + " LIMIT " + (atMost + 1) + ") AS counted")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new DatabaseException("could not count the rows of " + display(table) + ": " + messages.apply(e), e);
        }
    }

    @Override
    public List<String> columns(QualifiedName table) {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name FROM pragma_table_info(?, ?) ORDER BY cid")) {
            query.setString(1, table.name());
            query.setString(2, table.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("could not read the columns of " + display(table) + ": "
                    + messages.apply(e), e);
        }
        return columns;
    }

    @Override
    public String display(QualifiedName table) {
        return table.display(MAIN);
    }

    /** The table a SCAN step reads whole, when it is one; index scans and subquery scans are not. */
    private Optional<QueryPlan.FullScan> fullScan(String detail, String sql) throws SQLException {
        Matcher scan = SCAN.matcher(detail);
        if (!scan.matches() || scan.group(3) != null) {
            return Optional.empty();
        }
        String shown = scan.group(1);
        String alias = scan.group(2);
        if (alias == null && !isTable(shown)) {
            // Since SQLite 3.36 the step names the alias alone: find what it stands for.
            Optional<String> table = QueryAliases.tableOf(sql, shown);
            if (table.isEmpty() || !isTable(table.get())) {
                return Optional.empty(); // a subquery, a CTE or a constant row: no table to index
            }
            return Optional.of(new QueryPlan.FullScan(new QualifiedName(MAIN, table.get()), shown));
        }
        return isTable(shown) ? Optional.of(new QueryPlan.FullScan(new QualifiedName(MAIN, shown), alias))
                : Optional.empty();
    }

    private boolean isTable(String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String qualified(QualifiedName table) {
        return Identifiers.quote(table.schema()) + "." + Identifiers.quote(table.name());
    }
}
