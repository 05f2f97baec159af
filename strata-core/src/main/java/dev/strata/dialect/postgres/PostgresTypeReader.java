package dev.strata.dialect.postgres;

import dev.strata.schema.QualifiedName;
import dev.strata.schema.UserType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the types made by CREATE TYPE and CREATE DOMAIN: enums, domains, composite types and
 * ranges. Left out: types of extensions, the row types of tables, and the array and multirange
 * types PostgreSQL makes by itself. Part of {@link PostgresSchemaReader}'s transaction.
 *
 * <p>Not thread-safe: it uses its session's connection.
 */
final class PostgresTypeReader {

    private final Connection connection;
    /** The SQL condition on {@code n}, a pg_namespace row, for the schemas read ({@link Catalog}). */
    private final String namespace;

    PostgresTypeReader(Connection connection, String namespace) {
        this.connection = connection;
        this.namespace = namespace;
    }

    /** The types, ordered by schema and name. */
    List<UserType> read() throws SQLException {
        Map<Long, List<String>> labels = new HashMap<>();
        try (ResultSet rows = query("SELECT e.enumtypid, e.enumlabel FROM pg_enum e ORDER BY 1, e.enumsortorder")) {
            while (rows.next()) {
                labels.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                        .add(rows.getString(2));
            }
        }
        Map<Long, String> definitions = new HashMap<>();
        definitions.putAll(domainDefinitions());
        definitions.putAll(compositeDefinitions());
        definitions.putAll(rangeDefinitions());
        List<UserType> types = new ArrayList<>();
        try (ResultSet rows = query("SELECT t.oid, n.nspname, t.typname, t.typtype, obj_description(t.oid, 'pg_type')"
                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                + " WHERE t.typtype IN ('e', 'd', 'r', 'c') AND " + namespace
                + " AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
                + " AND " + notInExtension("pg_type", "t.oid") + " ORDER BY 2, 3")) {
            while (rows.next()) {
                long oid = rows.getLong(1);
                UserType.Kind kind = switch (rows.getString(4)) {
                    case "e" -> UserType.Kind.ENUM;
                    case "d" -> UserType.Kind.DOMAIN;
                    case "r" -> UserType.Kind.RANGE;
                    default -> UserType.Kind.COMPOSITE;
                };
                types.add(new UserType(
                        new QualifiedName(rows.getString(2), rows.getString(3)),
                        kind,
                        labels.getOrDefault(oid, List.of()),
                        definitions.getOrDefault(oid, ""),
                        rows.getString(5)));
            }
        }
        return types;
    }

    /** {@code base [COLLATE c] [DEFAULT e] [CONSTRAINT n NOT NULL | CHECK (...)]...}, as after CREATE DOMAIN x AS. */
    private Map<Long, String> domainDefinitions() throws SQLException {
        Map<Long, StringBuilder> definitions = new LinkedHashMap<>();
        try (ResultSet rows = query("SELECT t.oid, format_type(t.typbasetype, t.typtypmod),"
                + " CASE WHEN t.typcollation <> b.typcollation THEN co.collname END, t.typdefault,"
                + " t.typnotnull AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contypid = t.oid"
                + "   AND k.contype = 'n')"
                + " FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype"
                + " LEFT JOIN pg_collation co ON co.oid = t.typcollation WHERE t.typtype = 'd'")) {
            while (rows.next()) {
                StringBuilder definition = new StringBuilder(rows.getString(2));
                if (rows.getString(3) != null) {
                    definition.append(" COLLATE ").append(PostgresNames.quote(rows.getString(3)));
                }
                if (rows.getString(4) != null) {
                    definition.append(" DEFAULT ").append(rows.getString(4));
                }
                if (rows.getBoolean(5)) {
                    definition.append(" NOT NULL");
                }
                definitions.put(rows.getLong(1), definition);
            }
        }
        try (ResultSet rows = query("SELECT k.contypid, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
                + " WHERE k.contypid <> 0 ORDER BY 1, k.contype DESC, 2")) {
            while (rows.next()) {
                StringBuilder definition = definitions.get(rows.getLong(1));
                if (definition != null) {
                    definition
                            .append(" CONSTRAINT ")
                            .append(PostgresNames.quote(rows.getString(2)))
                            .append(' ')
                            .append(rows.getString(3));
                }
            }
        }
        Map<Long, String> result = new HashMap<>();
        definitions.forEach((oid, definition) -> result.put(oid, ReparsedText.of(definition.toString())));
        return result;
    }

    /** {@code a integer, b text COLLATE "C"}: the attribute list of CREATE TYPE x AS ( ). */
    private Map<Long, String> compositeDefinitions() throws SQLException {
        Map<Long, List<String>> attributes = new LinkedHashMap<>();
        try (ResultSet rows = query("SELECT t.oid, a.attname, format_type(a.atttypid, a.atttypmod),"
                + " CASE WHEN a.attcollation <> at.typcollation THEN co.collname END"
                + " FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " JOIN pg_type at ON at.oid = a.atttypid"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " WHERE t.typtype = 'c' ORDER BY 1, a.attnum")) {
            while (rows.next()) {
                attributes
                        .computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                        .add(PostgresNames.quote(rows.getString(2)) + " " + rows.getString(3)
                                + (rows.getString(4) == null
                                        ? ""
                                        : " COLLATE " + PostgresNames.quote(rows.getString(4))));
            }
        }
        Map<Long, String> result = new HashMap<>();
        attributes.forEach((oid, list) -> result.put(oid, String.join(", ", list)));
        return result;
    }

    /** {@code SUBTYPE = numeric, ...}: the options of CREATE TYPE x AS RANGE ( ) that differ from the defaults. */
    private Map<Long, String> rangeDefinitions() throws SQLException {
        Map<Long, String> result = new HashMap<>();
        try (ResultSet rows = query("SELECT r.rngtypid, format_type(r.rngsubtype, NULL),"
                + " CASE WHEN NOT oc.opcdefault THEN quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END,"
                + " CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN co.collname END,"
                + " NULLIF(r.rngcanonical::text, '-'), NULLIF(r.rngsubdiff::text, '-')"
                + " FROM pg_range r JOIN pg_type st ON st.oid = r.rngsubtype"
                + " JOIN pg_opclass oc ON oc.oid = r.rngsubopc JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace"
                + " LEFT JOIN pg_collation co ON co.oid = r.rngcollation")) {
            while (rows.next()) {
                List<String> options = new ArrayList<>();
                options.add("SUBTYPE = " + rows.getString(2));
                if (rows.getString(3) != null) {
                    options.add("SUBTYPE_OPCLASS = " + rows.getString(3));
                }
                if (rows.getString(4) != null) {
                    options.add("COLLATION = " + PostgresNames.quote(rows.getString(4)));
                }
                if (rows.getString(5) != null) {
                    options.add("CANONICAL = " + rows.getString(5));
                }
                if (rows.getString(6) != null) {
                    options.add("SUBTYPE_DIFF = " + rows.getString(6));
                }
                result.put(rows.getLong(1), String.join(", ", options));
            }
        }
        return result;
    }

    private ResultSet query(String sql) throws SQLException {
        return Catalog.query(connection, sql);
    }

    private static String notInExtension(String catalog, String oid) {
        return Catalog.notInExtension(catalog, oid);
    }
}
