package dev.strata.dialect.postgres;

import dev.strata.schema.Grant;
import dev.strata.schema.Policy;
import dev.strata.schema.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the row-level security policies and the table, view and column privileges of a PostgreSQL
 * database, for {@link PostgresSchemaReader}. The owner's own privileges are left out (they come with
 * owning the table, whoever owns it in another database), and so are the relations the schema reader
 * leaves out (extension members, strata's history tables).
 *
 * <p>Not thread-safe: it uses its session's connection.
 */
final class PostgresSecurityReader {

    private static final String GRANTEE = "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END";

    private final Connection connection;
    private final String historySchema;
    private final String historyTable;
    private final Long[] only;

    /**
     * The relations whose privileges and policies are read; parameters: history schema, table, its
     * _meta, its _backfill, then the oids to read (twice).
     */
    private final String relation;

    /**
     * @param namespace the SQL condition on {@code n}, a pg_namespace row, for the schemas read ({@link Catalog})
     * @param only      the oids of the relations to read, or null for all
     */
    PostgresSecurityReader(
            Connection connection, String historySchema, String historyTable, String namespace, Long[] only) {
        this.connection = connection;
        this.historySchema = historySchema;
        this.historyTable = historyTable;
        this.only = only;
        this.relation = "JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " + namespace
                + " AND " + Catalog.notInExtension("pg_class", "c.oid")
                + " AND NOT (n.nspname = ? AND c.relname IN (?, ?, ?))"
                + " AND (?::bigint[] IS NULL OR c.oid = ANY(?::bigint[]::oid[]))";
    }

    /** The policies, each under its table's oid. */
    List<PostgresSchemaMemo.Keyed<Policy>> policies() throws SQLException {
        List<PostgresSchemaMemo.Keyed<Policy>> policies = new ArrayList<>();
        try (ResultSet rows = query("SELECT n.nspname, c.relname, p.polname, p.polpermissive,"
                + " CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'"
                + "   WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,"
                + " ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END::text"
                + "   FROM unnest(p.polroles) AS r),"
                + " pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), c.oid"
                + " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid " + relation)) {
            while (rows.next()) {
                policies.add(new PostgresSchemaMemo.Keyed<>(
                        rows.getLong(9),
                        new Policy(
                                new QualifiedName(rows.getString(1), rows.getString(2)),
                                rows.getString(3),
                                rows.getBoolean(4),
                                rows.getString(5),
                                Arrays.asList((String[]) rows.getArray(6).getArray()),
                                ReparsedText.of(rows.getString(7)),
                                ReparsedText.of(rows.getString(8)))));
            }
        }
        return policies;
    }

    /** Privileges on tables and views, then on their columns; not those of the owner. */
    List<PostgresSchemaMemo.Keyed<Grant>> grants() throws SQLException {
        List<PostgresSchemaMemo.Keyed<Grant>> grants = new ArrayList<>();
        try (ResultSet rows = query(
                "SELECT n.nspname, c.relname, NULL::text, " + GRANTEE + ","
                        + " a.privilege_type, a.is_grantable, c.oid"
                        + " FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) AS a " + relation
                        + " AND a.grantee <> c.relowner"
                        + " UNION ALL"
                        + " SELECT n.nspname, c.relname, t.attname::text, " + GRANTEE
                        + ", a.privilege_type, a.is_grantable, c.oid"
                        + " FROM pg_attribute t JOIN pg_class c ON c.oid = t.attrelid"
                        + " CROSS JOIN LATERAL aclexplode(t.attacl) AS a " + relation
                        + " AND t.attnum > 0 AND NOT t.attisdropped AND a.grantee <> c.relowner",
                true)) {
            while (rows.next()) {
                grants.add(new PostgresSchemaMemo.Keyed<>(
                        rows.getLong(7),
                        new Grant(
                                new QualifiedName(rows.getString(1), rows.getString(2)),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getBoolean(6))));
            }
        }
        return grants;
    }

    private ResultSet query(String sql) throws SQLException {
        return query(sql, false);
    }

    /** @param twice whether {@link #relation} appears twice in {@code sql} */
    private ResultSet query(String sql, boolean twice) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        java.sql.Array relations = only == null ? null : connection.createArrayOf("bigint", only);
        for (int offset = 0; offset <= (twice ? 6 : 0); offset += 6) {
            statement.setString(offset + 1, historySchema);
            statement.setString(offset + 2, historyTable);
            statement.setString(offset + 3, historyTable + "_meta");
            statement.setString(offset + 4, historyTable + "_backfill");
            statement.setArray(offset + 5, relations);
            statement.setArray(offset + 6, relations);
        }
        return statement.executeQuery();
    }
}
