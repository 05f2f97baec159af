package dev.strata.cli;

import dev.strata.testing.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A database's user schema, read from the engine's own catalog, and every row of every user table,
 * as sorted lines that compare with {@code equals}. The migration tools' own tables (strata's
 * history, golang-migrate's {@code schema_migrations}, wrangler's {@code d1_migrations} and
 * {@code _cf_*}) are left out, because each tool keeps
 * its own.
 *
 * <p>Values that the clock or a random generator wrote (a column of a date or time type, or whose
 * default calls {@code now()}, {@code CURRENT_TIMESTAMP}, {@code random()} ...) differ between any
 * two runs of the same files; they are compared as "set" or "null" only.
 */
final class CorpusSnapshot {

    private static final Pattern VOLATILE_DEFAULT =
            Pattern.compile("(?i)now|current_|random|uuid|unixepoch|strftime|datetime|julianday|clock_timestamp");
    private static final Pattern TIME_TYPE = Pattern.compile("(?i)date|time");
    private static final Predicate<String> TOOL_TABLE = name -> name.startsWith("strata_history")
            || name.equals("d1_migrations")
            || name.equals("schema_migrations")
            || name.startsWith("_cf_")
            || name.startsWith("sqlite_");

    private CorpusSnapshot() {}

    static List<String> of(String url) {
        List<String> lines = url.startsWith("sqlite:") ? sqlite(url) : postgres(url);
        lines.sort(null);
        return lines;
    }

    private static List<String> sqlite(String url) {
        List<String> lines = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (List<String> row : Jdbc.query(url, "SELECT type, name, tbl_name, sql FROM sqlite_master")) {
            if (TOOL_TABLE.test(row.get(1)) || TOOL_TABLE.test(row.get(2))) {
                continue;
            }
            lines.add(row.get(0) + " " + row.get(1) + " on " + row.get(2) + ": " + row.get(3));
            if (row.get(0).equals("table")) {
                tables.add(row.get(1));
            }
        }
        for (String table : tables) {
            Set<String> masked = new java.util.HashSet<>();
            for (List<String> column : Jdbc.query(
                    url, "SELECT name, type, dflt_value FROM pragma_table_info('" + table.replace("'", "''") + "')")) {
                if (TIME_TYPE.matcher(column.get(1)).find()
                        || (column.get(2) != null
                                && VOLATILE_DEFAULT.matcher(column.get(2)).find())) {
                    masked.add(column.get(0).toLowerCase(Locale.ROOT));
                }
            }
            rows(url, "\"" + table.replace("\"", "\"\"") + "\"", masked, lines);
        }
        return lines;
    }

    private static List<String> postgres(String url) {
        List<String> lines = new ArrayList<>();
        String userSchemas = " NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
        catalog(
                url,
                lines,
                "schema",
                "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                        + " AND nspname <> 'information_schema'");
        catalog(url, lines, "extension", "SELECT extname FROM pg_extension");
        catalog(
                url,
                lines,
                "column",
                "SELECT table_schema || '.' || table_name || '.' || column_name, data_type,"
                        + " udt_name, is_nullable, coalesce(column_default, ''), coalesce(character_maximum_length, 0),"
                        + " coalesce(numeric_precision, 0) || ',' || coalesce(numeric_scale, 0), is_identity"
                        + " FROM information_schema.columns WHERE table_schema" + userSchemas);
        catalog(
                url,
                lines,
                "constraint",
                "SELECT n.nspname || '.' || r.relname, c.conname, pg_get_constraintdef(c.oid)"
                        + " FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                        + " WHERE n.nspname" + userSchemas);
        catalog(
                url,
                lines,
                "index",
                "SELECT schemaname || '.' || indexname, indexdef FROM pg_indexes WHERE schemaname" + userSchemas);
        catalog(
                url,
                lines,
                "view",
                "SELECT schemaname || '.' || viewname, definition FROM pg_views WHERE schemaname" + userSchemas);
        catalog(url, lines, "matview", "SELECT schemaname || '.' || matviewname, definition FROM pg_matviews");
        catalog(
                url,
                lines,
                "function",
                "SELECT n.nspname || '.' || p.proname, pg_get_function_identity_arguments(p.oid),"
                        + " md5(pg_get_functiondef(p.oid)) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e' WHERE d.objid IS NULL AND p.prokind <> 'a'"
                        + " AND n.nspname" + userSchemas);
        catalog(
                url,
                lines,
                "trigger",
                "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal");
        catalog(
                url,
                lines,
                "sequence",
                "SELECT schemaname || '.' || sequencename, data_type, increment_by, last_value"
                        + " FROM pg_sequences WHERE schemaname" + userSchemas);
        catalog(
                url,
                lines,
                "type",
                "SELECT n.nspname || '.' || t.typname, t.typtype,"
                        + " coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e"
                        + " WHERE e.enumtypid = t.oid), '') FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " LEFT JOIN pg_depend d ON d.objid = t.oid AND d.deptype = 'e'"
                        + " WHERE t.typtype IN ('e', 'd', 'c') AND d.objid IS NULL AND n.nspname" + userSchemas
                        + " AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')");
        catalog(
                url,
                lines,
                "policy",
                "SELECT schemaname || '.' || tablename || '.' || policyname, cmd, roles::text,"
                        + " coalesce(qual, ''), coalesce(with_check, '') FROM pg_policies");
        catalog(
                url,
                lines,
                "table",
                "SELECT n.nspname || '.' || c.relname, c.relkind, c.relrowsecurity,"
                        + " coalesce(array_to_string(c.reloptions, ','), '') FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname"
                        + userSchemas);
        List<List<String>> tables = Jdbc.query(
                url,
                "SELECT table_schema, table_name FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema" + userSchemas);
        for (List<String> table : tables) {
            if (TOOL_TABLE.test(table.get(1))) {
                continue;
            }
            Set<String> masked = new java.util.HashSet<>();
            for (List<String> column : Jdbc.query(
                    url,
                    "SELECT column_name, data_type, coalesce(column_default, '')"
                            + " FROM information_schema.columns WHERE table_schema = '" + table.get(0)
                            + "' AND table_name = '"
                            + table.get(1) + "'")) {
                if (TIME_TYPE.matcher(column.get(1)).find()
                        || VOLATILE_DEFAULT.matcher(column.get(2)).find()) {
                    masked.add(column.get(0).toLowerCase(Locale.ROOT));
                }
            }
            rows(url, "\"" + table.get(0) + "\".\"" + table.get(1) + "\"", masked, lines);
        }
        lines.removeIf(line -> line.contains("strata_history") || line.contains("schema_migrations"));
        return lines;
    }

    private static void catalog(String url, List<String> lines, String kind, String sql) {
        for (List<String> row : Jdbc.query(url, sql)) {
            lines.add(kind + " " + String.join(" | ", row));
        }
    }

    /** Every row of {@code table} as one line each, masked columns as "set" or "null". */
    private static void rows(String url, String table, Set<String> masked, List<String> lines) {
        try (Connection connection = Jdbc.connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder line = new StringBuilder("row ").append(table).append(':');
                for (int i = 1; i <= columns; i++) {
                    String name = rows.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT);
                    String value = rows.getString(i);
                    line.append(' ')
                            .append(name)
                            .append('=')
                            .append(masked.contains(name) && value != null ? "set" : value);
                }
                lines.add(line.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not read the rows of " + table + " at " + url + ": " + e.getMessage(), e);
        }
    }

    /** The lines only one side has, each marked with the side, at most {@code limit} of them. */
    static List<String> difference(List<String> strata, List<String> tool, int limit) {
        List<String> only = new ArrayList<>();
        Set<String> toolSet = new java.util.HashSet<>(tool);
        Set<String> strataSet = new java.util.HashSet<>(strata);
        strata.stream()
                .filter(line -> !toolSet.contains(line))
                .map(line -> "only after strata: " + line)
                .forEach(only::add);
        tool.stream()
                .filter(line -> !strataSet.contains(line))
                .map(line -> "only after the tool: " + line)
                .forEach(only::add);
        return only.stream().limit(limit).toList();
    }
}
