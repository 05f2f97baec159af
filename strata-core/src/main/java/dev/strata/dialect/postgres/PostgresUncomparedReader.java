package dev.strata.dialect.postgres;

import dev.strata.schema.NotCompared;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds what a PostgreSQL database holds that the schema model does not describe, so that dump,
 * drift and check can say so instead of passing over it: one catalog query per kind of object.
 * Extension members are left out (CREATE EXTENSION brings them back), and so are objects of the
 * system schemas. Owners are not listed: they are a property of every object and usually differ
 * between environments on purpose.
 *
 * <p>Not thread-safe: it uses its session's connection.
 */
final class PostgresUncomparedReader {

    /**
     * Objects made after initdb have oids from 16384 (FirstNormalObjectId) on: a cheap first filter
     * before the namespace and extension tests, which matters for large catalogs (pg_operator,
     * pg_collation).
     */
    private static final String USER_OID = " >= 16384";

    /** A relation's name as people read it: bare in the current schema, qualified elsewhere. */
    private static final String RELATION =
            "CASE WHEN n.nspname = current_schema() THEN c.relname::text" + " ELSE n.nspname || '.' || c.relname END";

    /**
     * Each kind, with a query giving the names of the objects of that kind, one per row.
     *
     * @param namespace the SQL condition on {@code n}, a pg_namespace row, for the schemas read ({@link Catalog})
     */
    private static List<Kind> kinds(String namespace) {
        return List.of(
                new Kind(
                        "event trigger",
                        "SELECT ev.evtname FROM pg_event_trigger ev WHERE "
                                + Catalog.notInExtension("pg_event_trigger", "ev.oid")),
                new Kind(
                        "rule",
                        "SELECT r.rulename || ' on ' || " + RELATION + ", c.oid FROM pg_rewrite r"
                                + " JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE r.rulename <> '_RETURN' AND " + namespace,
                        true),
                new Kind("publication", "SELECT p.pubname FROM pg_publication p"),
                new Kind(
                        "subscription",
                        "SELECT s.subname FROM pg_subscription s"
                                + " WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"),
                new Kind("foreign table", relations(namespace, "c.relkind = 'f'"), true),
                new Kind(
                        "foreign server",
                        "SELECT s.srvname FROM pg_foreign_server s WHERE "
                                + Catalog.notInExtension("pg_foreign_server", "s.oid")),
                new Kind(
                        "foreign-data wrapper",
                        "SELECT w.fdwname FROM pg_foreign_data_wrapper w WHERE "
                                + Catalog.notInExtension("pg_foreign_data_wrapper", "w.oid")),
                new Kind(
                        "aggregate",
                        "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
                                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid" + USER_OID
                                + " AND p.prokind = 'a' AND "
                                + namespace + " AND " + Catalog.notInExtension("pg_proc", "p.oid")),
                new Kind(
                        "operator",
                        "SELECT o.oid::regoperator::text FROM pg_operator o"
                                + " JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE o.oid" + USER_OID + " AND "
                                + namespace
                                + " AND " + Catalog.notInExtension("pg_operator", "o.oid")),
                new Kind(
                        "cast",
                        "SELECT format_type(k.castsource, NULL) || ' AS ' || format_type(k.casttarget, NULL)"
                                + " FROM pg_cast k WHERE k.oid >= 16384 AND "
                                + Catalog.notInExtension("pg_cast", "k.oid")
                                // the casts PostgreSQL makes itself for a range type's multirange come with the type
                                + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_cast'::regclass"
                                + "   AND i.objid = k.oid AND i.deptype = 'i')"),
                new Kind("collation", named(namespace, "pg_collation", "collname", "collnamespace")),
                new Kind("text search configuration", named(namespace, "pg_ts_config", "cfgname", "cfgnamespace")),
                new Kind("text search dictionary", named(namespace, "pg_ts_dict", "dictname", "dictnamespace")),
                new Kind("operator class", named(namespace, "pg_opclass", "opcname", "opcnamespace")),
                new Kind("conversion", named(namespace, "pg_conversion", "conname", "connamespace")),
                new Kind("statistics object", named(namespace, "pg_statistic_ext", "stxname", "stxnamespace")),
                new Kind(
                        "exclusion constraint",
                        "SELECT k.conname || ' on ' || " + RELATION + ", c.oid FROM pg_constraint k"
                                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE k.contype = 'x' AND k.conparentid = 0 AND " + namespace
                                + " AND " + Catalog.notInExtension("pg_class", "c.oid"),
                        true),
                new Kind(
                        "inheritance",
                        "SELECT " + RELATION + " || ' inherits ' || p.relname, c.oid FROM pg_inherits i"
                                + " JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_class p ON p.oid = i.inhparent"
                                + " WHERE NOT c.relispartition AND c.relkind IN ('r', 'p') AND " + namespace,
                        true),
                new Kind(
                        "unlogged table",
                        relations(namespace, "c.relkind IN ('r', 'p') AND c.relpersistence = 'u'"),
                        true),
                new Kind(
                        "tablespace of",
                        relations(namespace, "c.relkind IN ('r', 'p', 'm', 'i') AND c.reltablespace <> 0"),
                        true),
                new Kind(
                        "replica identity of",
                        relations(namespace, "c.relkind IN ('r', 'p') AND c.relreplident NOT IN ('d', 'p')"),
                        true),
                new Kind(
                        "view options",
                        "SELECT " + RELATION + " || ' (' || array_to_string(c.reloptions, ', ') || ')', c.oid"
                                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE c.relkind IN ('v', 'm') AND c.reloptions IS NOT NULL AND "
                                + namespace
                                + " AND " + Catalog.notInExtension("pg_class", "c.oid"),
                        true),
                new Kind(
                        "toast storage parameters of",
                        relations(
                                namespace,
                                "c.relkind IN ('r', 'p', 'm') AND EXISTS (SELECT 1"
                                        + " FROM pg_class t WHERE t.oid = c.reltoastrelid AND t.reloptions IS NOT NULL)"),
                        true),
                new Kind(
                        "column storage of",
                        "SELECT DISTINCT " + RELATION + " || '.' || a.attname, c.oid"
                                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                                + " WHERE c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped"
                                + " AND a.attstorage <> t.typstorage"
                                + " AND " + namespace + " AND " + Catalog.notInExtension("pg_class", "c.oid"),
                        true),
                new Kind(
                        "grants on schema",
                        "SELECT n.nspname FROM pg_namespace n WHERE n.nspacl IS NOT NULL AND "
                                + namespace + " AND n.nspname <> 'public'"
                                + " AND " + Catalog.notInExtension("pg_namespace", "n.oid")),
                new Kind("grants on sequence", relations(namespace, "c.relkind = 'S' AND c.relacl IS NOT NULL"), true),
                new Kind(
                        "grants on function",
                        "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
                                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid" + USER_OID
                                + " AND p.proacl IS NOT NULL AND "
                                + namespace + " AND " + Catalog.notInExtension("pg_proc", "p.oid")),
                new Kind(
                        "grants on type",
                        "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                                + " WHERE t.oid" + USER_OID + " AND t.typacl IS NOT NULL AND " + namespace
                                + " AND " + Catalog.notInExtension("pg_type", "t.oid")),
                new Kind(
                        "default privileges",
                        "SELECT pg_get_userbyid(d.defaclrole) || CASE WHEN d.defaclnamespace = 0"
                                + " THEN '' ELSE ' in ' || d.defaclnamespace::regnamespace::text END || ' on ' ||"
                                + " CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'"
                                + " WHEN 'T' THEN 'types' ELSE 'schemas' END FROM pg_default_acl d"),
                new Kind(
                        "comment on",
                        "SELECT k.conname || ' on ' || " + RELATION + ", c.oid FROM pg_constraint k"
                                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_description d ON d.classoid = 'pg_constraint'::regclass AND d.objoid = k.oid"
                                + " WHERE " + namespace
                                // the model carries the comments of the constraints it reads itself
                                + " AND NOT (c.relkind IN ('r', 'p') AND k.contype IN ('p', 'u', 'f', 'c')"
                                + " AND k.conparentid = 0 AND (k.contype <> 'c' OR k.conislocal))"
                                + " UNION ALL SELECT g.tgname || ' on ' || " + RELATION + ", c.oid FROM pg_trigger g"
                                + " JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_description d ON d.classoid = 'pg_trigger'::regclass AND d.objoid = g.oid"
                                + " WHERE " + namespace
                                + " UNION ALL SELECT 'sequence ' || " + RELATION + ", c.oid FROM pg_class c"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_description d ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid"
                                + " WHERE c.relkind = 'S' AND " + namespace
                                + " UNION ALL SELECT 'policy ' || p.polname || ' on ' || " + RELATION + ", c.oid"
                                + " FROM pg_policy p"
                                + " JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_description d ON d.classoid = 'pg_policy'::regclass AND d.objoid = p.oid"
                                + " WHERE " + namespace,
                        true),
                new Kind(
                        "comment on",
                        "SELECT 'schema ' || n.nspname FROM pg_namespace n"
                                + " JOIN pg_description d ON d.classoid = 'pg_namespace'::regclass AND d.objoid = n.oid"
                                + " WHERE " + namespace + " AND n.nspname <> 'public'"
                                + " AND " + Catalog.notInExtension("pg_namespace", "n.oid")));
    }

    /**
     * One kind of object and the query for the names of those present; for a kind that belongs to
     * relations, the query gives each name's relation (its table, for an index) as a second column.
     */
    private record Kind(String words, String sql, boolean ofRelation) {
        Kind(String words, String sql) {
            this(words, sql, false);
        }
    }

    private final Connection connection;
    private final Queries queries;

    /** @param oneSchema whether the objects of the current schema alone are looked for (a fleet's tenant) */
    PostgresUncomparedReader(Connection connection, boolean oneSchema) {
        this.connection = connection;
        this.queries = oneSchema ? CURRENT_SCHEMA : ALL;
    }

    /** The two queries for every user schema, and for the current schema alone (a fleet's tenant). */
    private static final Queries ALL = Queries.of(Catalog.USER_NAMESPACE);

    private static final Queries CURRENT_SCHEMA = Queries.of(Catalog.CURRENT_NAMESPACE);

    /**
     * One query for the kinds that belong to relations, given the relations to read (NULL for all),
     * and one for the other kinds.
     */
    private record Queries(String ofRelations, String others) {

        static Queries of(String namespace) {
            List<Kind> kinds = kinds(namespace);
            return new Queries(
                    "WITH only_these(oids) AS (SELECT ?::bigint[]) "
                            + kinds.stream()
                                    .filter(Kind::ofRelation)
                                    .map(kind -> "SELECT '" + kind.words() + "', name::text, owner::bigint FROM ("
                                            + kind.sql()
                                            + ") AS found(name, owner) WHERE (SELECT oids FROM only_these) IS NULL"
                                            + " OR owner::bigint = ANY((SELECT oids FROM only_these)::bigint[])")
                                    .collect(Collectors.joining(" UNION ALL ")),
                    kinds.stream()
                            .filter(kind -> !kind.ofRelation())
                            .map(kind -> "SELECT '" + kind.words() + "', name::text FROM (" + kind.sql()
                                    + ") AS found(name)")
                            .collect(Collectors.joining(" UNION ALL ")));
        }
    }

    /**
     * What belongs to relations, each under its relation's oid (an index's under its table's).
     *
     * @param only the relations to read, or null for all
     */
    List<PostgresSchemaMemo.Keyed<NotCompared>> ofRelations(Long[] only) throws SQLException {
        List<PostgresSchemaMemo.Keyed<NotCompared>> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(queries.ofRelations())) {
            statement.setArray(1, only == null ? null : connection.createArrayOf("bigint", only));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new PostgresSchemaMemo.Keyed<>(
                            rows.getLong(3), new NotCompared(rows.getString(1), rows.getString(2))));
                }
            }
        }
        return found;
    }

    /** What does not belong to relations: functions, types, schemas and objects of catalogs of their own. */
    List<NotCompared> others() throws SQLException {
        List<NotCompared> found = new ArrayList<>();
        try (ResultSet rows = Catalog.query(connection, queries.others())) {
            while (rows.next()) {
                found.add(new NotCompared(rows.getString(1), rows.getString(2)));
            }
        }
        return found;
    }

    /** Relations of the user's schemas matching {@code condition} ({@code c} is pg_class), by name, with their table. */
    private static String relations(String namespace, String condition) {
        return "SELECT " + RELATION
                + ", COALESCE((SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = c.oid), c.oid)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid"
                + USER_OID + " AND " + condition + " AND " + namespace + " AND "
                + Catalog.notInExtension("pg_class", "c.oid");
    }

    /** Objects of catalog {@code catalog} in the user's schemas, by name. */
    private static String named(String namespace, String catalog, String nameColumn, String namespaceColumn) {
        return "SELECT x." + nameColumn + "::text FROM " + catalog + " x JOIN pg_namespace n ON n.oid = x."
                + namespaceColumn + " WHERE x.oid" + USER_OID + " AND " + namespace + " AND "
                + Catalog.notInExtension(catalog, "x.oid");
    }
}
