package dev.strata.dialect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog rows of each object looked like, from the transaction ids that last wrote them
 * ({@code xmin}), so that a session reading its schema again can tell which objects changed since.
 *
 * <p>Every catalog row the schema reader reads is counted under the object it describes, by a key:
 * {@code r<oid>} for a relation (an index and a toast table count as their table; columns, defaults,
 * constraints, triggers, policies, rules, partition keys and comments as their relation),
 * {@code t<oid>} for a type (enum labels, domain constraints; a row type as its relation, an array
 * type as its element), {@code p<name>} for every function of one name (a new overload can change
 * how an expression calling another one is printed), {@code n<oid>} for a schema. Catalogs the
 * reader does not attribute to one object count under a key of {@code o} and make the next read a
 * full one: extensions, collations, operators and operator classes, casts, text search, conversions,
 * languages, event triggers, publications, subscriptions, foreign servers and data wrappers,
 * statistics objects, aggregates, default privileges, roles (their names appear in grants and
 * policies), comments on anything else, and the session's current schema.
 *
 * <p>A key's mark is its rows' count, largest xmin and sum of xmins. A row written after a read has
 * a larger xmin than every row that read saw, provided no transaction was running at the time of
 * the read (the mark {@code osnapshot} says whether one was; if so the next read is a full one); a
 * deleted row lowers the count. So equal marks mean equal rows. Objects made by initdb (oids below
 * 16384) are not counted except the schemas: migrations do not alter the system catalog's own
 * objects.
 *
 * <p>Not thread-safe: it uses its session's connection.
 */
final class CatalogMarks {

    /**
     * The key of every user object that pg_depend and pg_description may name, as CTEs:
     * {@code owner(oid, owner)} (an index stands for its table, a toast table for its owner),
     * {@code rel(oid, key)}, {@code typ(oid, key)} and {@code objkey(classid, objid, key)}. Every
     * owner is found by a join, so the queries below grow with the catalog, not with its square.
     */
    private static final String KEYS = "owner(oid, owner) AS (SELECT indexrelid, indrelid FROM pg_index"
            + "  WHERE indexrelid >= 16384"
            + " UNION ALL SELECT reltoastrelid, oid FROM pg_class WHERE reltoastrelid <> 0),"
            + " rel(oid, key) AS (SELECT c.oid, 'r' || COALESCE(o.owner, c.oid) FROM pg_class c"
            + "  LEFT JOIN owner o ON o.oid = c.oid WHERE c.oid >= 16384),"
            // a row type is its relation, an array type its element
            + " typ(oid, key) AS (SELECT t.oid, CASE WHEN e.typrelid <> 0 THEN 'r' || e.typrelid ELSE 't' || e.oid END"
            + "  FROM pg_type t JOIN pg_type e"
            + "  ON e.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END"
            + "  WHERE t.oid >= 16384),"
            + " objkey(classid, objid, key) AS ("
            + "SELECT 'pg_class'::regclass::oid, oid, key FROM rel"
            + " UNION ALL SELECT 'pg_type'::regclass::oid, oid, key FROM typ"
            + " UNION ALL SELECT 'pg_attrdef'::regclass::oid, oid, 'r' || adrelid FROM pg_attrdef"
            + " UNION ALL SELECT 'pg_rewrite'::regclass::oid, oid, 'r' || ev_class FROM pg_rewrite WHERE oid >= 16384"
            + " UNION ALL SELECT 'pg_trigger'::regclass::oid, oid, 'r' || tgrelid FROM pg_trigger WHERE oid >= 16384"
            + " UNION ALL SELECT 'pg_policy'::regclass::oid, oid, 'r' || polrelid FROM pg_policy"
            + " UNION ALL SELECT 'pg_constraint'::regclass::oid, oid,"
            + "  CASE WHEN conrelid <> 0 THEN 'r' || conrelid ELSE 't' || contypid END FROM pg_constraint"
            + "  WHERE oid >= 16384"
            + " UNION ALL SELECT 'pg_proc'::regclass::oid, oid, 'p' || proname FROM pg_proc WHERE oid >= 16384"
            + " UNION ALL SELECT 'pg_namespace'::regclass::oid, oid, 'n' || oid FROM pg_namespace)";

    private static final String MARKED = "WITH " + KEYS + ", row(key, x) AS ("
            + "SELECT r.key, c.xmin::text::bigint FROM pg_class c JOIN rel r ON r.oid = c.oid"
            + " UNION ALL SELECT 'r' || COALESCE(o.owner, a.attrelid), a.xmin::text::bigint FROM pg_attribute a"
            + "  LEFT JOIN owner o ON o.oid = a.attrelid WHERE a.attrelid >= 16384"
            + " UNION ALL SELECT 'r' || d.adrelid, d.xmin::text::bigint FROM pg_attrdef d"
            + " UNION ALL SELECT CASE WHEN k.conrelid <> 0 THEN 'r' || k.conrelid ELSE 't' || k.contypid END,"
            + "  k.xmin::text::bigint FROM pg_constraint k WHERE k.oid >= 16384"
            + " UNION ALL SELECT 'r' || i.indrelid, i.xmin::text::bigint FROM pg_index i WHERE i.indexrelid >= 16384"
            + " UNION ALL SELECT 'r' || g.tgrelid, g.xmin::text::bigint FROM pg_trigger g WHERE g.oid >= 16384"
            + " UNION ALL SELECT 'r' || p.polrelid, p.xmin::text::bigint FROM pg_policy p"
            + " UNION ALL SELECT 'r' || w.ev_class, w.xmin::text::bigint FROM pg_rewrite w WHERE w.oid >= 16384"
            + " UNION ALL SELECT 'r' || h.inhrelid, h.xmin::text::bigint FROM pg_inherits h"
            + " UNION ALL SELECT 'r' || s.seqrelid, s.xmin::text::bigint FROM pg_sequence s WHERE s.seqrelid >= 16384"
            + " UNION ALL SELECT 'r' || pt.partrelid, pt.xmin::text::bigint FROM pg_partitioned_table pt"
            + " UNION ALL SELECT y.key, t.xmin::text::bigint FROM pg_type t JOIN typ y ON y.oid = t.oid"
            + " UNION ALL SELECT 't' || e.enumtypid, e.xmin::text::bigint FROM pg_enum e WHERE e.enumtypid >= 16384"
            + " UNION ALL SELECT 't' || g.rngtypid, g.xmin::text::bigint FROM pg_range g WHERE g.rngtypid >= 16384"
            + " UNION ALL SELECT 'p' || p.proname, p.xmin::text::bigint FROM pg_proc p WHERE p.oid >= 16384"
            + " UNION ALL SELECT 'n' || n.oid, n.xmin::text::bigint FROM pg_namespace n"
            + " UNION ALL SELECT " + keyOf("d.classoid", "k") + ", d.xmin::text::bigint FROM pg_description d"
            + "  LEFT JOIN objkey k ON k.classid = d.classoid AND k.objid = d.objoid"
            + "  WHERE d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass"
            + " UNION ALL SELECT " + keyOf("d.classid", "k") + ", d.xmin::text::bigint FROM pg_depend d"
            + "  LEFT JOIN objkey k ON k.classid = d.classid AND k.objid = d.objid WHERE d.objid >= 16384"
            + others()
            + ") SELECT key, count(*) || ':' || max(x) || ':' || sum(x) FROM row GROUP BY 1"
            // role names appear in grants and policies
            + " UNION ALL SELECT 'orole' || oid, rolname FROM pg_roles"
            // pg_subscription's xmin is not granted to every role; its oids and names are
            + " UNION ALL SELECT 'osubscription', COALESCE(string_agg(oid || subname, ','), '') FROM pg_subscription"
            // nor is pg_user_mapping's; the view's rows are
            + " UNION ALL SELECT 'ousermapping', COALESCE(string_agg(umid || ':' || srvid || ':' || umuser"
            + "  || ':' || COALESCE(array_to_string(umoptions, ','), ''), ','), '') FROM pg_user_mappings"
            + " UNION ALL SELECT 'oschema', current_schema()"
            + " UNION ALL SELECT 'osnapshot', CASE WHEN txid_snapshot_xmin(txid_current_snapshot())"
            + "  = txid_snapshot_xmax(txid_current_snapshot()) THEN (txid_snapshot_xmax(txid_current_snapshot()) >> 32)::text"
            + "  ELSE 'busy ' || txid_current_snapshot()::text END";

    /**
     * Changed keys and every object whose catalog text may name them, through pg_depend; with the
     * relation kind. From each key's objects it walks pg_depend by its index on the referenced
     * object, so only the dependents are looked at, not every dependency of the database.
     */
    private static final String CLOSURE = "WITH RECURSIVE " + KEYS + ", dirty(key) AS ("
            + "SELECT k COLLATE \"C\" FROM unnest(?::text[]) AS k"
            + " UNION SELECT kd.key COLLATE \"C\" FROM dirty JOIN objkey kr ON kr.key = dirty.key"
            + " JOIN pg_depend d ON d.refclassid = kr.classid AND d.refobjid = kr.objid"
            + " JOIN objkey kd ON kd.classid = d.classid AND kd.objid = d.objid WHERE d.objid >= 16384)"
            + " SELECT dirty.key, c.relkind FROM dirty LEFT JOIN pg_class c ON dirty.key = 'r' || c.oid";

    private CatalogMarks() {}

    /** The mark of every key; to be read in the same snapshot as the schema. */
    static Map<String, String> read(Connection connection) throws SQLException {
        Map<String, String> marks = new HashMap<>();
        try (ResultSet rows = Catalog.query(connection, MARKED)) {
            while (rows.next()) {
                marks.put(rows.getString(1), rows.getString(2));
            }
        }
        return marks;
    }

    /** The keys whose marks differ, including those present in only one of the two. */
    static Set<String> changed(Map<String, String> before, Map<String, String> now) {
        Set<String> changed = new HashSet<>();
        before.forEach((key, mark) -> {
            if (!mark.equals(now.get(key))) {
                changed.add(key);
            }
        });
        now.keySet().stream().filter(key -> !before.containsKey(key)).forEach(changed::add);
        return changed;
    }

    /**
     * The changed keys with every object that depends on one of them, transitively: a view names the
     * columns of its tables, a foreign key its target, a default its sequence and functions. Maps
     * each key to its relation kind, or to an empty text when it is not a relation (or no longer one).
     */
    static Map<String, String> withDependents(Connection connection, Set<String> changed) throws SQLException {
        Map<String, String> dirty = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CLOSURE)) {
            statement.setArray(1, connection.createArrayOf("text", changed.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String kind = rows.getString(2);
                    dirty.put(rows.getString(1), kind == null ? "" : kind);
                }
            }
        }
        return dirty;
    }

    /**
     * SQL for the key an {@code objkey} row {@code k} gives; an object of a catalog that has no key
     * of its own counts as that whole catalog.
     */
    private static String keyOf(String classid, String k) {
        return "COALESCE(" + k + ".key, 'o' || " + classid + "::regclass::text)::text COLLATE \"C\"";
    }

    /** Catalogs counted as a whole, each with its column of user object ids: any change there makes the next read a full one. */
    private static String others() {
        StringBuilder sql = new StringBuilder();
        for (String catalog : new String[] {
            "pg_extension",
            "pg_collation",
            "pg_opclass",
            "pg_opfamily",
            "pg_operator",
            "pg_cast",
            "pg_ts_config",
            "pg_ts_dict",
            "pg_conversion",
            "pg_language",
            "pg_event_trigger",
            "pg_publication",
            "pg_publication_rel",
            "pg_foreign_server",
            "pg_foreign_data_wrapper",
            "pg_foreign_table:ftrelid",
            "pg_statistic_ext",
            "pg_aggregate:aggfnoid",
            "pg_default_acl",
            "pg_transform",
            "pg_am",
            "pg_amop",
            "pg_amproc"
        }) {
            String[] parts = catalog.split(":", 2);
            String id = parts.length > 1 ? parts[1] : "oid";
            sql.append(" UNION ALL SELECT 'o")
                    .append(parts[0])
                    .append("', x.xmin::text::bigint FROM ")
                    .append(parts[0])
                    .append(" x WHERE x.")
                    .append(id)
                    .append(" >= 16384");
        }
        return sql.toString();
    }
}
