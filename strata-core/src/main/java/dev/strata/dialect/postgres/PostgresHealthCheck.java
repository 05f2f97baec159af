package dev.strata.dialect.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's signs of unfinished work: indexes left INVALID by an interrupted or failed
 * {@code CREATE INDEX CONCURRENTLY}, and constraints added {@code NOT VALID} and never validated
 * (rows written before them are unchecked).
 */
final class PostgresHealthCheck {

    private PostgresHealthCheck() {}

    /** @param oneSchema whether the current schema alone is checked (a fleet's tenant), not every user schema */
    static List<String> problems(Connection connection, boolean oneSchema) throws SQLException {
        String namespace = Catalog.userNamespace(oneSchema);
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname, t.relname"
                        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT i.indisvalid AND " + namespace + " ORDER BY 1, 2")) {
            while (rows.next()) {
                String index = rows.getString(1) + "." + rows.getString(2);
                problems.add("index " + index + " on " + rows.getString(3) + " is INVALID: queries don't use it"
                        + " and a unique one may not hold; DROP INDEX CONCURRENTLY " + index
                        + " and create it again, or REINDEX INDEX CONCURRENTLY " + index);
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n.nspname, coalesce(c.relname, t.typname), co.conname,"
                        + " co.contypid <> 0"
                        + " FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace"
                        + " LEFT JOIN pg_class c ON c.oid = co.conrelid LEFT JOIN pg_type t ON t.oid = co.contypid"
                        + " WHERE NOT co.convalidated AND " + namespace + " ORDER BY 1, 2, 3")) {
            while (rows.next()) {
                String owner = rows.getString(1) + "." + rows.getString(2);
                String constraint = rows.getString(3);
                boolean domain = rows.getBoolean(4);
                problems.add("constraint " + constraint + " on " + (domain ? "domain " : "table ") + owner
                        + " is NOT VALID: rows written before it was added are unchecked; run ALTER "
                        + (domain ? "DOMAIN " : "TABLE ") + owner + " VALIDATE CONSTRAINT " + constraint);
            }
        }
        return problems;
    }
}
