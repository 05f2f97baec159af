package dev.strata.cli;

import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a database holds, read behind strata's back through plain JDBC, as sorted lines that compare
 * with {@code equals} and print as a readable diff: every table's definition and row count, every
 * index (with its validity on PostgreSQL), and optionally strata's history rows.
 */
final class DatabaseSnapshot {

    private DatabaseSnapshot() {}

    /** The user's schema and row counts: strata's own tables left out. */
    static List<String> userSchema(String url) {
        return read(url, false);
    }

    /** Everything, strata's history rows included: for checks that nothing at all changed. */
    static List<String> everything(String url) {
        return read(url, true);
    }

    /** The lines of {@code snapshot} that don't mention any of {@code names}. */
    static List<String> without(List<String> snapshot, List<String> names) {
        Predicate<String> mentions = line -> names.stream().anyMatch(line::contains);
        return snapshot.stream().filter(mentions.negate()).toList();
    }

    /** SHA-256 of a file's bytes, or "absent": a SQLite database compared byte for byte. */
    static String fileHash(Path file) {
        if (!Files.exists(file)) {
            return "absent";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A digest of every row of a table, in an order that doesn't depend on the engine's whims. */
    private static String contentHash(String url, String table) {
        if (url.startsWith("sqlite:")) {
            return String.valueOf(Jdbc.query(url, "SELECT * FROM " + table).stream()
                    .map(Object::toString)
                    .sorted()
                    .toList()
                    .hashCode());
        }
        return Jdbc.query(
                        url, "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + table + " t")
                .get(0)
                .get(0);
    }

    private static List<String> read(String url, boolean withHistory) {
        List<String> lines = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        if (url.startsWith("sqlite:")) {
            for (List<String> row : Jdbc.query(
                    url,
                    "SELECT type, name, tbl_name, sql FROM sqlite_master"
                            + " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
                if (!withHistory && row.get(2).startsWith("strata_history")) {
                    continue;
                }
                // SQLite rewrites a renamed table's text with its name quoted; the quotes carry no meaning here.
                lines.add(row.get(0) + " " + row.get(1) + ": "
                        + (row.get(3) == null ? "" : row.get(3).replace("\"", "")));
                if (row.get(0).equals("table")) {
                    tables.add('"' + row.get(1) + '"');
                }
            }
        } else {
            for (List<String> row : Jdbc.query(
                    url,
                    "SELECT c.table_schema, c.table_name, c.column_name,"
                            + " c.data_type, c.is_nullable, coalesce(c.column_default, '') FROM information_schema.columns c"
                            + " JOIN information_schema.tables t USING (table_schema, table_name)"
                            + " WHERE t.table_type = 'BASE TABLE'"
                            + " AND c.table_schema NOT IN ('pg_catalog', 'information_schema')"
                            + " ORDER BY 1, 2, c.ordinal_position")) {
                if (!withHistory && row.get(1).startsWith("strata_history")) {
                    continue;
                }
                lines.add("column " + row.get(0) + "." + row.get(1) + "." + row.get(2) + " " + row.get(3)
                        + (row.get(4).equals("NO") ? " not null" : "") + " " + row.get(5));
                String table = '"' + row.get(0) + "\".\"" + row.get(1) + '"';
                if (!tables.contains(table)) {
                    tables.add(table);
                }
            }
            for (List<String> row : Jdbc.query(
                    url,
                    "SELECT n.nspname, c.relname, pg_get_indexdef(i.indexrelid),"
                            + " i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2")) {
                if (!withHistory && row.get(1).startsWith("strata_history")) {
                    continue;
                }
                lines.add("index " + row.get(0) + "." + row.get(1) + ": " + row.get(2)
                        + (row.get(3).equals("t") ? "" : " INVALID"));
            }
            Jdbc.query(
                            url,
                            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                                    + " AND nspname <> 'information_schema' ORDER BY 1")
                    .forEach(row -> lines.add("schema " + row.get(0)));
        }
        for (String table : tables) {
            lines.add("rows " + table + " = " + Jdbc.count(url, "SELECT COUNT(*) FROM " + table));
            if (withHistory) {
                lines.add("content " + table + " = " + contentHash(url, table));
            }
        }
        lines.sort(null);
        return List.copyOf(lines);
    }
}
