package dev.strata.dialect.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Identifiers;
import dev.strata.dialect.QueryPlan;
import dev.strata.dialect.QueryPlanner;
import dev.strata.schema.QualifiedName;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN} on PostgreSQL: the text plan for people, and the JSON plan to find every
 * {@code Seq Scan} with its table and alias. Queries with {@code $1} parameters are prepared and
 * their generic plan explained, the one that holds whatever the values. Row counts are the planner's own estimate
 * ({@code pg_class.reltuples}) once the table has been analysed, an exact count before that.
 */
final class PostgresQueryPlanner implements QueryPlanner {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A {@code $1} parameter outside string literals (the literals are removed before matching). */
    private static final Pattern PARAMETER = Pattern.compile("\\$\\d+");

    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final String PREPARED = "strata_explain";

    private final Connection connection;
    private String currentSchema;

    PostgresQueryPlanner(Connection connection) {
        this.connection = connection;
    }

    @Override
    public QueryPlan plan(String sql) {
        int parameters = parameterCount(sql);
        List<String> lines = new ArrayList<>();
        List<QueryPlan.FullScan> scans = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            String target = sql;
            if (parameters > 0) {
                // pgjdbc would take $1 for a parameter of EXPLAIN itself: prepare the query on the server
                // instead, and explain its generic plan, the one that holds for any value.
                statement.execute("PREPARE " + PREPARED + " AS " + sql);
                statement.execute("SET plan_cache_mode = force_generic_plan");
                target = "EXECUTE " + PREPARED + "(" + String.join(", ", Collections.nCopies(parameters, "NULL")) + ")";
            }
            try {
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + target)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                try (ResultSet rows = statement.executeQuery("EXPLAIN (VERBOSE, FORMAT JSON) " + target)) {
                    rows.next();
                    for (JsonNode root : JSON.readTree(rows.getString(1))) {
                        collectScans(root.path("Plan"), scans);
                    }
                }
            } finally {
                if (parameters > 0) {
                    statement.execute("RESET plan_cache_mode");
                    statement.execute("DEALLOCATE " + PREPARED);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(PostgresDialect.firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new DatabaseException("PostgreSQL returned a plan strata can't read: " + e.getMessage(), e);
        }
        return new QueryPlan(lines, scans);
    }

    @Override
    public long rowCount(QualifiedName table) {
        try (PreparedStatement query = connection.prepareStatement("SELECT c.reltuples::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next() && rows.getLong(1) >= 0) {
                    return rows.getLong(1);
                }
            }
            // Never analysed (reltuples is -1): count, so a fresh table is not taken for an empty one.
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified(table))) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException(
                    "could not count the rows of " + display(table) + ": " + PostgresDialect.firstLine(e.getMessage()),
                    e);
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
            throw new DatabaseException(
                    "could not count the rows of " + display(table) + ": " + PostgresDialect.firstLine(e.getMessage()),
                    e);
        }
    }

    @Override
    public List<String> columns(QualifiedName table) {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.attname FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(
                    "could not read the columns of " + display(table) + ": "
                            + PostgresDialect.firstLine(e.getMessage()),
                    e);
        }
        return columns;
    }

    @Override
    public String display(QualifiedName table) {
        return table.display(currentSchema());
    }

    private static void collectScans(JsonNode node, List<QueryPlan.FullScan> scans) {
        if (node.path("Node Type").asText().equals("Seq Scan") && node.has("Relation Name")) {
            String alias = node.path("Alias").asText(null);
            String table = node.path("Relation Name").asText();
            scans.add(new QueryPlan.FullScan(
                    new QualifiedName(node.path("Schema").asText("public"), table),
                    table.equals(alias) ? null : alias));
        }
        for (JsonNode child : node.path("Plans")) {
            collectScans(child, scans);
        }
    }

    /** The highest {@code $n} outside string literals: how many values EXECUTE must pass. */
    private static int parameterCount(String sql) {
        Matcher matcher = PARAMETER.matcher(LITERAL.matcher(sql).replaceAll("''"));
        int highest = 0;
        while (matcher.find()) {
            highest = Math.max(highest, Integer.parseInt(matcher.group().substring(1)));
        }
        return highest;
    }

    private String currentSchema() {
        if (currentSchema == null) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_schema()")) {
                currentSchema = rows.next() && rows.getString(1) != null ? rows.getString(1) : "public";
            } catch (SQLException e) {
                currentSchema = "public";
            }
        }
        return currentSchema;
    }

    private static String qualified(QualifiedName table) {
        return Identifiers.quote(table.schema()) + "." + Identifiers.quote(table.name());
    }
}
