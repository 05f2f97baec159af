package dev.strata.dialect.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Empties a PostgreSQL database that strata used as a shadow: extensions, then every relation, type
 * and routine of the user schemas (CASCADE, so dependencies never block the order), then the
 * schemas other than the current one. The current schema itself stays, with its owner and grants.
 */
final class PostgresReset {

    private static final String USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
    /** The user schemas other than the current one, which stays. */
    private static final String OTHER_SCHEMAS = USER_SCHEMAS + " AND n.nspname <> current_schema()";
    /** Objects that belong to an extension go with it. */
    private static final String NOT_FROM_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s"
            + " AND d.classid = '%s'::regclass AND d.deptype = 'e')";

    private PostgresReset() {}

    static void dropEverything(Connection connection) throws SQLException {
        run(
                connection,
                "SELECT format('DROP EXTENSION IF EXISTS %I CASCADE', extname) FROM pg_extension"
                        + " WHERE extname <> 'plpgsql' ORDER BY 1");
        for (String sql : generators(USER_SCHEMAS, "")) {
            run(connection, sql);
        }
        run(
                connection,
                "SELECT format('DROP SCHEMA IF EXISTS %I CASCADE', n.nspname) FROM pg_namespace n" + " WHERE "
                        + OTHER_SCHEMAS + " ORDER BY 1");
    }

    /**
     * {@code strata reset} without {@code --all}: the relations, types and routines of {@code schemas}
     * (extensions and other schemas stay), except the tables named in {@code keep}. Each entry is the
     * statement and what it drops, for people: {@code table public.users}.
     */
    static List<String[]> objects(Connection connection, List<String> schemas, Set<String> keep) throws SQLException {
        String scope = "n.nspname IN ("
                + String.join(", ", schemas.stream().map(PostgresReset::literal).toList()) + ")";
        String kept = keep.isEmpty()
                ? ""
                : " AND NOT (c.relkind IN ('r', 'p') AND c.relname IN ("
                        + String.join(
                                ", ", keep.stream().map(PostgresReset::literal).toList()) + "))";
        List<String[]> objects = new ArrayList<>();
        for (String generator : generators(scope, kept)) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(generator)) {
                while (rows.next()) {
                    String drop = rows.getString(1);
                    // DROP TABLE IF EXISTS s.t CASCADE -> table s.t
                    String kind = drop.substring("DROP ".length(), drop.indexOf(" IF EXISTS "));
                    String name = drop.substring(
                            drop.indexOf(" IF EXISTS ") + " IF EXISTS ".length(), drop.length() - " CASCADE".length());
                    objects.add(new String[] {drop, kind.toLowerCase(java.util.Locale.ROOT) + " " + name});
                }
            }
        }
        return objects;
    }

    /** Runs the statements {@link #objects} listed, each with CASCADE. */
    static void drop(Connection connection, List<String[]> objects) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String[] object : objects) {
                statement.execute(object[0]);
            }
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Queries that give the DROP statements of relations, types and routines in {@code scope}. */
    private static List<String> generators(String scope, String relationFilter) {
        return List.of(
                "SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW'"
                        + " WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'"
                        + " ELSE 'TABLE' END, n.nspname, c.relname)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + scope + relationFilter
                        + String.format(NOT_FROM_EXTENSION, "c.oid", "pg_class")
                        // An identity column's sequence can only go with its table, so tables go first and such
                        // sequences are left to them.
                        + " AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                        + " AND d.objid = c.oid AND d.deptype IN ('i', 'a')))"
                        + " ORDER BY CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 0 WHEN c.relkind = 'S' THEN 2 ELSE 1 END, 1",
                "SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE t.typtype WHEN 'd' THEN 'DOMAIN'"
                        + " ELSE 'TYPE' END, n.nspname, t.typname)"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " LEFT JOIN pg_class c ON c.oid = t.typrelid"
                        + " WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND c.relkind = 'c')) AND "
                        + scope
                        + String.format(NOT_FROM_EXTENSION, "t.oid", "pg_type") + " ORDER BY 1",
                "SELECT format('DROP %s IF EXISTS %I.%I(%s) CASCADE', CASE p.prokind WHEN 'a'"
                        + " THEN 'AGGREGATE' ELSE 'ROUTINE' END, n.nspname, p.proname,"
                        + " pg_get_function_identity_arguments(p.oid))"
                        + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + scope
                        + String.format(NOT_FROM_EXTENSION, "p.oid", "pg_proc") + " ORDER BY 1");
    }

    /**
     * The schemas {@link #dropEverything} drops with CASCADE, so with whatever they hold, of any kind
     * (collations, operators, text search configurations...): each one is something a shadow must
     * not hold when strata starts using it.
     */
    static List<String> schemasDropped(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT n.nspname FROM pg_namespace n WHERE " + OTHER_SCHEMAS + " ORDER BY 1")) {
            while (rows.next()) {
                schemas.add("schema " + rows.getString(1));
            }
        }
        return schemas;
    }

    /** Runs every statement the query generates. */
    private static void run(Connection connection, String generator) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(generator)) {
            while (rows.next()) {
                statements.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
