package dev.strata.dialect.postgres;

import dev.strata.dialect.DatabaseException;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.SchemaObject;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.Partitioning;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Routine;
import dev.strata.schema.Schema;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.TableSettings;
import dev.strata.schema.Trigger;
import dev.strata.schema.UniqueConstraint;
import dev.strata.schema.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a PostgreSQL database's structure from pg_catalog into a {@link Schema}.
 *
 * <p>One set-based query per kind of object, never one per table, so reading stays fast on
 * databases with thousands of tables. Everything is read in one transaction whose search_path is
 * narrowed to the current schema: the catalog functions (format_type, pg_get_expr, pg_get_viewdef)
 * then name objects of other schemas qualified and objects of the current schema bare, so the text
 * does not depend on the session's search_path and reloads under {@code SET search_path = <current>}.
 *
 * <p>Policies and grants come from {@link PostgresSecurityReader}, the creation order from
 * {@link PostgresDependencyReader}, and the list of what the model does not describe from
 * {@link PostgresUncomparedReader}.
 *
 * <p>For a database that is one schema among others (a fleet's tenant), it reads the current schema
 * alone: every kind of object, and the extensions installed into it.
 *
 * <p>Left out: objects that belong to an extension (they come back with CREATE EXTENSION), plpgsql,
 * the system schemas and strata's history tables. Objects PostgreSQL derives itself (the partitions
 * of an index or constraint, cloned triggers, identity sequences, array and multirange types) are
 * left out too, because recreating their source recreates them.
 *
 * <p>Not thread-safe: it uses its session's connection.
 */
final class PostgresSchemaReader {

    /**
     * The relations (tables, partitioned tables, views, materialized views) strata reports, as a
     * CTE {@code rel(oid, nspname, relname, relkind)}. Its parameters are the history table's schema,
     * the history table, its format and backfill tables, and the oids to read (twice).
     */
    private static String relations(String namespace) {
        return "WITH rel AS (SELECT c.oid, n.nspname, c.relname, c.relkind"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " + namespace
                + " AND " + notInExtension("pg_class", "c.oid")
                + " AND NOT (n.nspname = ? AND c.relname IN (?, ?, ?))"
                // the relations to read, or NULL for all
                + " AND (?::bigint[] IS NULL OR c.oid = ANY(?::bigint[]::oid[])))";
    }

    private final Connection connection;
    private final String historySchema;
    private final String historyTable;
    private final PostgresSchemaMemo memo;
    private final boolean oneSchema;
    /** The SQL condition on {@code n}, a pg_namespace row, for the schemas read. */
    private final String namespace;

    private final String relations;
    private String defaultSchema;
    private Long[] only;

    /**
     * @param historySchema the schema of strata's history table (configured, or the current schema)
     * @param historyTable  the history table's name; its {@code _meta} and {@code _backfill} tables are left out as well
     * @param oneSchema     read the current schema alone, not every schema of the database (a fleet's tenant)
     */
    PostgresSchemaReader(Connection connection, String historySchema, String historyTable, boolean oneSchema) {
        this(connection, historySchema, historyTable, oneSchema, new PostgresSchemaMemo());
    }

    /** @param memo what the session's previous read found, so that this one reads only what changed since */
    PostgresSchemaReader(
            Connection connection,
            String historySchema,
            String historyTable,
            boolean oneSchema,
            PostgresSchemaMemo memo) {
        this.connection = connection;
        this.historySchema = historySchema;
        this.historyTable = historyTable;
        this.oneSchema = oneSchema;
        this.namespace = Catalog.userNamespace(oneSchema);
        this.relations = relations(namespace);
        this.memo = memo;
    }

    /** Reads the whole schema (or the current one alone); changes nothing (the search_path change is local to a rolled-back transaction). */
    Schema read() throws SQLException {
        defaultSchema = single("SELECT current_schema()");
        if (defaultSchema == null) {
            throw new DatabaseException("the session has no current schema (its search_path names no existing"
                    + " schema), so strata can't tell which names are unqualified; set search_path for the role"
                    + " (ALTER ROLE ... SET search_path = public).");
        }
        boolean autoCommit = connection.getAutoCommit();
        String previousPath = single("SELECT current_setting('search_path')");
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            if (autoCommit) {
                // One snapshot for every catalog query: another session migrating meanwhile must not
                // show us columns of a table that the earlier table query did not see.
                try (var statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                }
            }
            single("SELECT set_config('search_path', quote_ident(current_schema()), true)");
            // Inside a caller's transaction the rows read may yet be rolled back: read all, remember nothing.
            return autoCommit ? memo.read(this, connection) : memo.forget(this, connection);
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                try (PreparedStatement restore =
                        connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
                    restore.setString(1, previousPath);
                    restore.executeQuery().close();
                } catch (SQLException restoreFailed) {
                    // Only a failed read leaves the caller's transaction unable to run this, and that
                    // transaction can only be rolled back, search_path with it: the read's own failure
                    // is the one to report.
                }
            }
        }
    }

    /**
     * Tables, views, indexes, triggers, policies, grants and the relations' part of what is not
     * compared, each under the oid of the relation it belongs to.
     *
     * @param relations the relations to read, or null for all
     */
    PostgresSchemaMemo.Relations readRelations(Set<Long> relations) throws SQLException {
        only = relations == null ? null : relations.toArray(Long[]::new);
        try {
            Map<Long, TableBuilder> tables = readTables();
            readColumns(tables);
            readConstraints(tables);
            PostgresSecurityReader security =
                    new PostgresSecurityReader(connection, historySchema, historyTable, namespace, only);
            List<PostgresSchemaMemo.Keyed<Table>> built = new ArrayList<>();
            tables.forEach((oid, table) -> built.add(new PostgresSchemaMemo.Keyed<>(oid, table.build())));
            return new PostgresSchemaMemo.Relations(
                    built,
                    readViews(),
                    readIndexes(),
                    readTriggers(),
                    security.policies(),
                    security.grants(),
                    uncomparedReader().ofRelations(only));
        } finally {
            only = null;
        }
    }

    String defaultSchema() {
        return defaultSchema;
    }

    PostgresTypeReader typeReader() {
        return new PostgresTypeReader(connection, namespace);
    }

    PostgresUncomparedReader uncomparedReader() {
        return new PostgresUncomparedReader(connection, oneSchema);
    }

    /** The schema with those dependencies whose two objects are both part of it. */
    static Schema withDependencies(Schema schema, List<Dependency> all) {
        Set<SchemaObject> known = new HashSet<>();
        schema.tables().forEach(table -> known.add(SchemaObject.of(table)));
        schema.views().forEach(view -> known.add(SchemaObject.of(view)));
        schema.routines().forEach(routine -> known.add(SchemaObject.of(routine)));
        schema.types().forEach(type -> known.add(SchemaObject.of(type)));
        List<Dependency> dependencies = all.stream()
                .filter(dependency -> known.contains(dependency.dependent()) && known.contains(dependency.referenced()))
                .toList();
        return new Schema(
                schema.engine(),
                schema.defaultSchema(),
                schema.schemas(),
                schema.tables(),
                schema.views(),
                schema.indexes(),
                schema.triggers(),
                schema.sequences(),
                schema.types(),
                schema.routines(),
                schema.extensions(),
                schema.virtualTables(),
                schema.policies(),
                schema.grants(),
                dependencies,
                schema.notCompared());
    }

    // ---- schemas and extensions ------------------------------------------------------------------

    List<String> readSchemas() throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (ResultSet rows = query("SELECT n.nspname FROM pg_namespace n WHERE " + namespace + " AND "
                + notInExtension("pg_namespace", "n.oid") + " ORDER BY 1")) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        }
        return schemas;
    }

    List<Extension> readExtensions() throws SQLException {
        List<Extension> extensions = new ArrayList<>();
        try (ResultSet rows = query("SELECT e.extname, n.nspname, e.extversion FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'"
                // one schema among others: the extensions installed into it (the database's others are not its own)
                + (oneSchema ? " AND n.nspname = current_schema()" : "")
                + " ORDER BY 1")) {
            while (rows.next()) {
                extensions.add(new Extension(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        return extensions;
    }

    // ---- tables ---------------------------------------------------------------------------------

    private Map<Long, TableBuilder> readTables() throws SQLException {
        Map<Long, TableBuilder> tables = new LinkedHashMap<>();
        try (ResultSet rows = queryRelations(relations + " SELECT rel.oid, rel.nspname, rel.relname,"
                + " obj_description(rel.oid, 'pg_class'),"
                + " CASE WHEN rel.relkind = 'p' THEN pg_get_partkeydef(rel.oid) END,"
                + " pn.nspname, p.relname, CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
                + " c.reloptions, c.relrowsecurity, c.relforcerowsecurity,"
                // a column's own statistics target: -1 (before PostgreSQL 17) or NULL means the default
                + " (SELECT array_agg(a.attname || '=' || a.attstattarget ORDER BY a.attname) FROM pg_attribute a"
                + "  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0)"
                + " FROM rel JOIN pg_class c ON c.oid = rel.oid"
                + " LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid"
                + " LEFT JOIN pg_class p ON p.oid = i.inhparent"
                + " LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace"
                + " WHERE rel.relkind IN ('r', 'p') ORDER BY 2, 3")) {
            while (rows.next()) {
                String partitionBy = rows.getString(5);
                QualifiedName parent =
                        rows.getString(7) == null ? null : new QualifiedName(rows.getString(6), rows.getString(7));
                Partitioning partitioning = partitionBy == null && parent == null
                        ? null
                        : new Partitioning(partitionBy, parent, rows.getString(8));
                tables.put(
                        rows.getLong(1),
                        new TableBuilder(
                                new QualifiedName(rows.getString(2), rows.getString(3)),
                                rows.getString(4),
                                partitioning,
                                new TableSettings(
                                        strings(rows, 9),
                                        rows.getBoolean(10),
                                        rows.getBoolean(11),
                                        strings(rows, 12))));
            }
        }
        return tables;
    }

    private void readColumns(Map<Long, TableBuilder> tables) throws SQLException {
        try (ResultSet rows = queryRelations(relations + " SELECT a.attrelid, a.attname,"
                + " format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity,"
                + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,"
                + " col_description(a.attrelid, a.attnum)"
                + " FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid"
                + " JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attrelid, a.attnum")) {
            while (rows.next()) {
                String expression = ReparsedText.of(rows.getString(5));
                String generatedKind = rows.getString(6);
                boolean generated = !generatedKind.isEmpty();
                String identity = switch (rows.getString(7)) {
                    case "a" -> "ALWAYS";
                    case "d" -> "BY DEFAULT";
                    default -> null;
                };
                tables.get(rows.getLong(1))
                        .columns
                        .add(new Column(
                                rows.getString(2),
                                rows.getString(3),
                                rows.getBoolean(4),
                                generated ? null : expression,
                                rows.getString(8),
                                generated ? new Column.Generated(expression, generatedKind.equals("s")) : null,
                                identity,
                                rows.getString(9)));
            }
        }
    }

    /**
     * Reads PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints declared on the tables themselves:
     * a partition's copies of its parent's constraints (conparentid, or an inherited CHECK) are left
     * out because attaching the partition recreates them.
     */
    private void readConstraints(Map<Long, TableBuilder> tables) throws SQLException {
        try (ResultSet rows = queryRelations(relations + " SELECT k.conrelid, k.contype, k.conname,"
                + " " + attributeNames("k.conkey", "k.conrelid") + ","
                + " tn.nspname, t.relname, " + attributeNames("k.confkey", "k.confrelid") + ","
                + " k.confdeltype, k.confupdtype, k.condeferrable, k.condeferred, k.convalidated,"
                + " pg_get_constraintdef(k.oid), obj_description(k.oid, 'pg_constraint')"
                + " FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid"
                + " LEFT JOIN pg_class t ON t.oid = k.confrelid"
                + " LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + " WHERE k.contype IN ('p', 'u', 'f', 'c') AND k.conparentid = 0"
                + " AND (k.contype <> 'c' OR k.conislocal)"
                + " ORDER BY k.conrelid, k.conname")) {
            while (rows.next()) {
                TableBuilder table = tables.get(rows.getLong(1));
                if (table == null) {
                    continue;
                }
                String name = rows.getString(3);
                if (rows.getString(14) != null) {
                    table.constraintComments.put(name, rows.getString(14));
                }
                List<String> columns = strings(rows, 4);
                switch (rows.getString(2)) {
                    case "p" -> table.primaryKey = new PrimaryKey(name, columns, false);
                    case "u" -> table.uniques.add(new UniqueConstraint(name, columns));
                    case "f" ->
                        table.foreignKeys.add(new ForeignKey(
                                name,
                                columns,
                                new QualifiedName(rows.getString(5), rows.getString(6)),
                                strings(rows, 7),
                                action(rows.getString(8)),
                                action(rows.getString(9)),
                                rows.getBoolean(10),
                                rows.getBoolean(11),
                                rows.getBoolean(12)));
                    default ->
                        table.checks.add(new CheckConstraint(
                                name, ReparsedText.of(checkExpression(rows.getString(13))), rows.getBoolean(12)));
                }
            }
        }
    }

    // ---- views, indexes, triggers ----------------------------------------------------------------

    private List<PostgresSchemaMemo.Keyed<View>> readViews() throws SQLException {
        List<PostgresSchemaMemo.Keyed<View>> views = new ArrayList<>();
        try (ResultSet rows = queryRelations(relations + " SELECT rel.nspname, rel.relname, pg_get_viewdef(rel.oid),"
                + " rel.relkind = 'm', obj_description(rel.oid, 'pg_class'), rel.oid"
                + " FROM rel WHERE rel.relkind IN ('v', 'm') ORDER BY 1, 2")) {
            while (rows.next()) {
                views.add(new PostgresSchemaMemo.Keyed<>(
                        rows.getLong(6),
                        new View(
                                new QualifiedName(rows.getString(1), rows.getString(2)),
                                ReparsedText.of(viewDefinition(rows.getString(3))),
                                rows.getBoolean(4),
                                rows.getString(5))));
            }
        }
        return views;
    }

    /**
     * Indexes made by CREATE INDEX: not those that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint,
     * and not the per-partition copies of an index on a partitioned table.
     */
    private List<PostgresSchemaMemo.Keyed<Index>> readIndexes() throws SQLException {
        Map<Long, IndexColumns> columns = readIndexColumns();
        List<PostgresSchemaMemo.Keyed<Index>> indexes = new ArrayList<>();
        try (ResultSet rows = queryRelations(relations + " SELECT i.indexrelid, n.nspname, ci.relname,"
                + " rel.nspname, rel.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), am.amname,"
                + " i.indisvalid, obj_description(i.indexrelid, 'pg_class'), i.indrelid"
                + " FROM rel JOIN pg_index i ON i.indrelid = rel.oid"
                + " JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ci.relnamespace"
                + " JOIN pg_am am ON am.oid = ci.relam"
                + " WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                + "   AND k.contype IN ('p', 'u', 'x'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)"
                + " ORDER BY 2, 3")) {
            while (rows.next()) {
                IndexColumns index = columns.getOrDefault(rows.getLong(1), new IndexColumns());
                indexes.add(new PostgresSchemaMemo.Keyed<>(
                        rows.getLong(11),
                        new Index(
                                new QualifiedName(rows.getString(2), rows.getString(3)),
                                new QualifiedName(rows.getString(4), rows.getString(5)),
                                rows.getBoolean(6),
                                index.keys,
                                ReparsedText.of(rows.getString(7)),
                                rows.getString(8),
                                rows.getBoolean(9),
                                rows.getString(10),
                                index.include)));
            }
        }
        return indexes;
    }

    /**
     * The key columns of every index, then its INCLUDE columns. A collation is reported only when it
     * differs from the one the key would get anyway (the column's, or the key type's default for
     * an expression), an operator class only when it is not the default one, and a null ordering
     * only when it is not the default for the key's direction.
     */
    private Map<Long, IndexColumns> readIndexColumns() throws SQLException {
        Map<Long, IndexColumns> columns = new HashMap<>();
        try (ResultSet rows = queryRelations(relations + " SELECT i.indexrelid, k.attnum, ta.attname,"
                // deparsing costs more than the rest of the row: only expression keys need it
                + " CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.position::int, true) END,"
                + " (i.indoption[k.position - 1] & 1) = 1, (i.indoption[k.position - 1] & 2) = 2,"
                + " CASE WHEN i.indcollation[k.position - 1] <> 0 AND i.indcollation[k.position - 1]"
                + "   <> COALESCE(ta.attcollation, kt.typcollation) THEN co.collname END,"
                + " CASE WHEN NOT oc.opcdefault THEN CASE WHEN pg_opclass_is_visible(oc.oid)"
                + "   THEN quote_ident(oc.opcname) ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END"
                + " END, k.position > i.indnkeyatts"
                + " FROM rel JOIN pg_index i ON i.indrelid = rel.oid"
                + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)"
                + " JOIN pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.position"
                + " JOIN pg_type kt ON kt.oid = ia.atttypid"
                + " LEFT JOIN pg_attribute ta ON ta.attrelid = i.indrelid AND ta.attnum = k.attnum AND k.attnum > 0"
                + " LEFT JOIN pg_collation co ON co.oid = i.indcollation[k.position - 1]"
                + " LEFT JOIN pg_opclass oc ON k.position <= i.indnkeyatts AND oc.oid = i.indclass[k.position - 1]"
                + " LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace"
                + " ORDER BY i.indexrelid, k.position")) {
            while (rows.next()) {
                IndexColumns index = columns.computeIfAbsent(rows.getLong(1), oid -> new IndexColumns());
                if (rows.getBoolean(9)) {
                    index.include.add(rows.getString(3));
                    continue;
                }
                boolean isColumn = rows.getInt(2) != 0;
                boolean descending = rows.getBoolean(5);
                boolean nullsFirst = rows.getBoolean(6);
                index.keys.add(new IndexKey(
                        isColumn ? rows.getString(3) : null,
                        isColumn ? null : ReparsedText.of(rows.getString(4)),
                        descending,
                        rows.getString(7),
                        rows.getString(8),
                        nullsFirst == descending ? null : nullsFirst ? "FIRST" : "LAST"));
            }
        }
        return columns;
    }

    /** An index's key and INCLUDE columns while they are collected. */
    private static final class IndexColumns {
        final List<IndexKey> keys = new ArrayList<>();
        final List<String> include = new ArrayList<>();
    }

    /** User triggers: not the internal ones behind foreign keys, and not the clones on partitions. */
    private List<PostgresSchemaMemo.Keyed<Trigger>> readTriggers() throws SQLException {
        List<PostgresSchemaMemo.Keyed<Trigger>> triggers = new ArrayList<>();
        try (ResultSet rows = queryRelations(relations + " SELECT rel.nspname, t.tgname, rel.relname,"
                + " pg_get_triggerdef(t.oid), t.tgrelid"
                + " FROM rel JOIN pg_trigger t ON t.tgrelid = rel.oid"
                + " WHERE NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY 1, 2, 3")) {
            while (rows.next()) {
                if (rows.getString(4) == null) {
                    throw new CatalogChangedException("trigger " + rows.getString(2));
                }
                triggers.add(new PostgresSchemaMemo.Keyed<>(
                        rows.getLong(5),
                        new Trigger(
                                new QualifiedName(rows.getString(1), rows.getString(2)),
                                new QualifiedName(rows.getString(1), rows.getString(3)),
                                ReparsedText.of(rows.getString(4)))));
            }
        }
        return triggers;
    }

    // ---- sequences, types, routines --------------------------------------------------------------

    /** Sequences, except those of identity columns (deptype 'i'), which belong to their column. */
    List<Sequence> readSequences() throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (ResultSet rows = query("SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL),"
                + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, o.nspname, o.relname, o.attname"
                + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN LATERAL (SELECT tn.nspname, t.relname, a.attname FROM pg_depend d"
                + "   JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
                + "   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
                + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' LIMIT 1) o ON true"
                + " WHERE " + namespace + " AND " + notInExtension("pg_class", "c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                + "   AND d.objid = c.oid AND d.deptype = 'i')"
                + " ORDER BY 1, 2")) {
            while (rows.next()) {
                String ownedBy = rows.getString(10) == null
                        ? null
                        : new QualifiedName(rows.getString(9), rows.getString(10)).display(defaultSchema) + "."
                                + rows.getString(11);
                sequences.add(new Sequence(
                        new QualifiedName(rows.getString(1), rows.getString(2)),
                        rows.getString(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        rows.getLong(6),
                        rows.getLong(7),
                        rows.getBoolean(8),
                        ownedBy));
            }
        }
        return sequences;
    }

    /**
     * Functions and procedures, not aggregates (pg_get_functiondef can't show them) and not the
     * constructors PostgreSQL makes for a range type.
     */
    List<Routine> readRoutines() throws SQLException {
        List<Routine> routines = new ArrayList<>();
        try (ResultSet rows = query("SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
                + " pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc')"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE p.prokind IN ('f', 'p', 'w') AND " + namespace
                + " AND " + notInExtension("pg_proc", "p.oid")
                // A range type's constructor functions come and go with the type.
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
                + "   AND d.objid = p.oid AND d.deptype = 'i')"
                + " ORDER BY 1, 2, 3")) {
            while (rows.next()) {
                String definition = rows.getString(4);
                if (definition == null) {
                    throw new CatalogChangedException("function " + rows.getString(2));
                }
                routines.add(new Routine(
                        new QualifiedName(rows.getString(1), rows.getString(2)),
                        rows.getString(3),
                        definition.stripTrailing(),
                        rows.getString(5)));
            }
        }
        return routines;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String notInExtension(String catalog, String oid) {
        return Catalog.notInExtension(catalog, oid);
    }

    /** SQL for the names of {@code relation}'s attributes numbered in {@code numbers}, in that order. */
    private static String attributeNames(String numbers, String relation) {
        return "ARRAY(SELECT a.attname::text FROM unnest(" + numbers + ") WITH ORDINALITY AS u(attnum, position)"
                + " JOIN pg_attribute a ON a.attrelid = " + relation + " AND a.attnum = u.attnum"
                + " ORDER BY u.position)";
    }

    private static ReferentialAction action(String code) {
        return switch (code) {
            case "r" -> ReferentialAction.RESTRICT;
            case "c" -> ReferentialAction.CASCADE;
            case "n" -> ReferentialAction.SET_NULL;
            case "d" -> ReferentialAction.SET_DEFAULT;
            default -> ReferentialAction.NO_ACTION;
        };
    }

    /** {@code CHECK ((a > 0)) NOT VALID} becomes {@code (a > 0)}: the condition alone. */
    static String checkExpression(String definition) {
        String text = definition.strip();
        for (String suffix : List.of(" NOT VALID", " NO INHERIT")) {
            if (text.endsWith(suffix)) {
                text = text.substring(0, text.length() - suffix.length()).stripTrailing();
            }
        }
        if (text.startsWith("CHECK (") && text.endsWith(")")) {
            text = text.substring("CHECK (".length(), text.length() - 1);
        }
        return text.strip();
    }

    /** pg_get_viewdef's text starts with a space and ends with a semicolon; keep only the query. */
    private static String viewDefinition(String definition) {
        String text = definition.strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1).stripTrailing() : text;
    }

    private static List<String> strings(ResultSet rows, int column) throws SQLException {
        java.sql.Array array = rows.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }

    private ResultSet query(String sql) throws SQLException {
        return Catalog.query(connection, sql);
    }

    private ResultSet queryRelations(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        statement.setString(1, historySchema);
        statement.setString(2, historyTable);
        statement.setString(3, historyTable + "_meta");
        statement.setString(4, historyTable + "_backfill");
        java.sql.Array relations = only == null ? null : connection.createArrayOf("bigint", only);
        statement.setArray(5, relations);
        statement.setArray(6, relations);
        return statement.executeQuery();
    }

    private String single(String sql) throws SQLException {
        try (ResultSet rows = query(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** A table while its columns and constraints are being collected. */
    private static final class TableBuilder {
        final QualifiedName name;
        final String comment;
        final Partitioning partitioning;
        final TableSettings settings;
        final List<Column> columns = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final Map<String, String> constraintComments = new LinkedHashMap<>();
        PrimaryKey primaryKey;

        TableBuilder(QualifiedName name, String comment, Partitioning partitioning, TableSettings settings) {
            this.name = name;
            this.comment = comment;
            this.partitioning = partitioning;
            this.settings = settings;
        }

        Table build() {
            return new Table(
                    name,
                    columns,
                    primaryKey,
                    foreignKeys,
                    checks,
                    uniques,
                    false,
                    false,
                    comment,
                    partitioning,
                    settings.withConstraintComments(constraintComments));
        }
    }
}
