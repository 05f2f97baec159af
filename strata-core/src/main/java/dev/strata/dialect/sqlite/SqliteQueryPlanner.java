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
import java.util.List;
import java.util.function.Function;

/** {@code EXPLAIN QUERY PLAN} on a SQLite file, read by {@link SqlitePlanSteps}. */
final class SqliteQueryPlanner implements QueryPlanner {

    private static final String MAIN = "main";

    private final Connection connection;
    private final Function<SQLException, String> messages;

    SqliteQueryPlanner(Connection connection, Function<SQLException, String> messages) {
        this.connection = connection;
        this.messages = messages;
    }

    @Override
    public QueryPlan plan(String sql) {
        List<SqlitePlanSteps.Step> steps = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rows.next()) {
                steps.add(new SqlitePlanSteps.Step(rows.getInt("id"), rows.getInt("parent"), rows.getString("detail")));
            }
        } catch (SQLException e) {
            throw new DatabaseException(messages.apply(e), e);
        }
        return SqlitePlanSteps.plan(steps, sql, this::isTable);
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
        try (PreparedStatement query =
                connection.prepareStatement("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid")) {
            query.setString(1, table.name());
            query.setString(2, table.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(
                    "could not read the columns of " + display(table) + ": " + messages.apply(e), e);
        }
        return columns;
    }

    @Override
    public String display(QualifiedName table) {
        return table.display(MAIN);
    }

    private boolean isTable(String name) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new DatabaseException(messages.apply(e), e);
        }
    }

    private static String qualified(QualifiedName table) {
        return Identifiers.quote(table.schema()) + "." + Identifiers.quote(table.name());
    }
}
