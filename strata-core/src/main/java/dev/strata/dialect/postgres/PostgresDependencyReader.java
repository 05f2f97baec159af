package dev.strata.dialect.postgres;

import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.Kind;
import dev.strata.schema.Dependency.SchemaObject;
import dev.strata.schema.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads from pg_depend which table, view, function or type needs which other one to exist when it is
 * created, so that a dump loads: a function with a SQL-standard body ({@code RETURN ...},
 * {@code BEGIN ATOMIC}) is checked when it is created and needs what it reads; a table needs the
 * functions of its defaults, checks and generated columns; a view the functions and relations of its
 * query.
 *
 * <p>A dependency of a default (pg_attrdef), a constraint (pg_constraint) or a view's query
 * (pg_rewrite) is counted as one of its table or view; a row type as its table; an array type as its
 * element type. Foreign keys are left out: a dump adds them once every table exists. Only normal
 * dependencies count: the automatic and internal ones are of objects that
 * come and go with their owner. Dependencies on objects outside the model (system catalogs, extension
 * members) are read too and left to the caller to drop.
 *
 * <p>Not thread-safe: it uses its session's connection.
 */
final class PostgresDependencyReader {

    private static final String OWNER = "WITH d AS (SELECT DISTINCT"
            + " CASE WHEN d.classid IN ('pg_attrdef'::regclass, 'pg_rewrite'::regclass)"
            + "   OR (d.classid = 'pg_constraint'::regclass AND k.conrelid <> 0) THEN 'pg_class'::regclass"
            + "   WHEN d.classid = 'pg_constraint'::regclass THEN 'pg_type'::regclass ELSE d.classid END AS classid,"
            + " CASE WHEN d.classid = 'pg_attrdef'::regclass THEN ad.adrelid"
            + "   WHEN d.classid = 'pg_rewrite'::regclass THEN rw.ev_class"
            + "   WHEN d.classid = 'pg_constraint'::regclass THEN CASE WHEN k.conrelid <> 0 THEN k.conrelid"
            + "     ELSE k.contypid END ELSE d.objid END AS objid,"
            + " d.refclassid, d.refobjid"
            + " FROM pg_depend d"
            + " LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid"
            + " LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid"
            + " LEFT JOIN pg_constraint k ON d.classid = 'pg_constraint'::regclass AND k.oid = d.objid"
            // Objects made after initdb have oids from 16384 (FirstNormalObjectId) on; the model holds
            // nothing older, so the system's own dependencies are skipped before any name is looked up.
            + " WHERE d.deptype = 'n' AND d.objid >= 16384 AND d.refobjid >= 16384 AND d.classid IN ('pg_class'::regclass, 'pg_proc'::regclass,"
            + "   'pg_type'::regclass, 'pg_attrdef'::regclass, 'pg_rewrite'::regclass, 'pg_constraint'::regclass)"
            + " AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)"
            // A foreign key is added once every table exists, so the table it points at is no reason to wait.
            + " AND (k.oid IS NULL OR k.contype <> 'f'))";

    private final Connection connection;

    PostgresDependencyReader(Connection connection) {
        this.connection = connection;
    }

    /** A dependency under the key {@link CatalogMarks} gives its dependent object. */
    record Keyed(String key, Dependency dependency) {}

    List<Dependency> read() throws SQLException {
        return read(null).stream().map(Keyed::dependency).toList();
    }

    /**
     * The dependencies of the objects of these {@link CatalogMarks} keys, or of all objects. A
     * dependent's own catalog rows, pg_depend's included, count under its key, and so does every
     * object that names a renamed one: so the dependencies of objects whose keys did not change are
     * the same as before.
     *
     * @param keys the dependents' keys, or null for all
     */
    List<Keyed> read(String[] keys) throws SQLException {
        List<Keyed> dependencies = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(OWNER
                + " SELECT dep.kind, dep.nspname, dep.name, dep.args,"
                + " ref.kind, ref.nspname, ref.name, ref.args, dep.key FROM d"
                + " CROSS JOIN LATERAL (" + object("d.classid", "d.objid") + ") dep"
                + " CROSS JOIN LATERAL (" + object("d.refclassid", "d.refobjid") + ") ref"
                + " WHERE dep.kind IS NOT NULL AND ref.kind IS NOT NULL"
                + " AND (dep.kind, dep.nspname, dep.name, dep.args) IS DISTINCT FROM"
                + "   (ref.kind, ref.nspname, ref.name, ref.args)"
                + " AND (?::text[] IS NULL OR dep.key = ANY(?::text[]))")) {
            java.sql.Array filter = keys == null ? null : connection.createArrayOf("text", keys);
            statement.setArray(1, filter);
            statement.setArray(2, filter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    dependencies.add(new Keyed(rows.getString(9), new Dependency(object(rows, 1), object(rows, 5))));
                }
            }
        }
        return dependencies;
    }

    private static SchemaObject object(ResultSet rows, int first) throws SQLException {
        return new SchemaObject(
                Kind.valueOf(rows.getString(first)),
                new QualifiedName(rows.getString(first + 1), rows.getString(first + 2)),
                rows.getString(first + 3));
    }

    /**
     * SQL for the model's name of object {@code oid} of catalog {@code catalog}: kind, schema, name,
     * arguments, and its {@link CatalogMarks} key.
     */
    private static String object(String catalog, String oid) {
        String relationKind =
                "CASE WHEN rc.relkind IN ('r', 'p') THEN 'TABLE' WHEN rc.relkind IN ('v', 'm') THEN 'VIEW' END";
        return "SELECT " + relationKind.replace("rc.", "c.") + " AS kind, n.nspname::text, c.relname::text AS name,"
                + " '' AS args, 'r' || c.oid AS key FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE " + catalog + " = 'pg_class'::regclass AND c.oid = " + oid
                + " UNION ALL SELECT 'ROUTINE', n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),"
                + " 'p' || p.proname"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE " + catalog + " = 'pg_proc'::regclass AND p.oid = " + oid
                + " UNION ALL SELECT CASE WHEN rc.oid IS NULL THEN 'TYPE' ELSE " + relationKind + " END,"
                + " COALESCE(rn.nspname, n.nspname)::text, COALESCE(rc.relname, t.typname)::text, '',"
                + " CASE WHEN rc.oid IS NULL THEN 't' || t.oid ELSE 'r' || rc.oid END"
                + " FROM pg_type t0 JOIN pg_type t ON t.oid = CASE WHEN t0.typcategory = 'A' AND t0.typelem <> 0"
                + "   THEN t0.typelem ELSE t0.oid END"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " LEFT JOIN pg_class rc ON rc.oid = t.typrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
                + " WHERE " + catalog + " = 'pg_type'::regclass AND t0.oid = " + oid;
    }
}
