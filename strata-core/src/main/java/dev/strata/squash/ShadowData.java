package dev.strata.squash;

import dev.strata.schema.Column;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.shadow.ShadowDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows a shadow database holds, as SQL literals, and where its counters stand: what the
 * migrations inserted, since a shadow starts empty. Strata's own history tables are not in the
 * schema and so not here.
 *
 * @param tables   per table (in the schema's order), its rows
 * @param counters the statements that set the counters (sequences, AUTOINCREMENT) where they stand
 */
record ShadowData(Map<QualifiedName, TableRows> tables, List<String> counters) {

    ShadowData {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        counters = List.copyOf(counters);
    }

    /**
     * The rows of one table.
     *
     * @param columns the columns an INSERT can give a value (generated ones left out), in declared order
     * @param rows    each row's literals in the order of {@code columns}, sorted as the database sorted them
     */
    record TableRows(Table table, List<String> columns, List<List<String>> rows) {
        TableRows {
            Objects.requireNonNull(table, "table");
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** Reads every table of {@code schema} on {@code shadow}; a partitioned table's rows are read in its partitions. */
    static ShadowData read(ShadowDatabase shadow, Schema schema) {
        Map<QualifiedName, TableRows> tables = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            if (table.partitioning() != null && table.partitioning().partitionBy() != null) {
                continue;
            }
            List<String> columns = table.columns().stream()
                    .filter(column -> column.generated() == null)
                    .map(Column::name)
                    .toList();
            tables.put(table.name(), new TableRows(table, columns, shadow.rowsAsLiterals(table, columns)));
        }
        return new ShadowData(tables, shadow.counterPositions());
    }

    /** Tables that hold rows, in the order of the schema. */
    List<TableRows> nonEmpty() {
        return tables.values().stream().filter(t -> !t.rows().isEmpty()).toList();
    }

    long rowCount() {
        return tables.values().stream().mapToLong(t -> t.rows().size()).sum();
    }

    /**
     * How {@code other} differs from this, for people: one line per table whose rows differ, and one
     * for the counters.
     *
     * @param mine   what this data came from, e.g. {@code the old migrations}
     * @param theirs what {@code other} came from
     */
    List<String> differences(ShadowData other, String mine, String theirs) {
        List<String> differences = new ArrayList<>();
        for (TableRows rows : tables.values()) {
            TableRows others = other.tables.get(rows.table().name());
            if (others == null) {
                continue; // the schema comparison names a missing table
            }
            if (rows.rows().equals(others.rows())) {
                continue;
            }
            String name = rows.table().name().name();
            List<List<String>> onlyMine = new ArrayList<>(rows.rows());
            others.rows().forEach(onlyMine::remove);
            List<List<String>> onlyTheirs = new ArrayList<>(others.rows());
            rows.rows().forEach(onlyTheirs::remove);
            StringBuilder text = new StringBuilder(
                    "rows of table " + name + ": " + rows.rows().size() + " from " + mine + ", "
                            + others.rows().size() + " from " + theirs);
            if (!onlyMine.isEmpty()) {
                text.append("; only from ").append(mine).append(": ").append(shown(rows.columns(), onlyMine));
            }
            if (!onlyTheirs.isEmpty()) {
                text.append("; only from ").append(theirs).append(": ").append(shown(rows.columns(), onlyTheirs));
            }
            differences.add(text.toString());
        }
        if (!counters.equals(other.counters)) {
            List<String> onlyMine = new ArrayList<>(counters);
            onlyMine.removeAll(other.counters);
            List<String> onlyTheirs = new ArrayList<>(other.counters);
            onlyTheirs.removeAll(counters);
            differences.add("counters (sequences, AUTOINCREMENT): " + mine + " leave " + onlyMine + ", " + theirs
                    + " leave " + onlyTheirs);
        }
        return differences;
    }

    private static String shown(List<String> columns, List<List<String>> rows) {
        List<String> shown = new ArrayList<>();
        for (List<String> row : rows.subList(0, Math.min(3, rows.size()))) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                pairs.add(columns.get(i) + "=" + row.get(i));
            }
            shown.add("(" + String.join(", ", pairs) + ")");
        }
        return String.join(" ", shown) + (rows.size() > 3 ? " and " + (rows.size() - 3) + " more" : "");
    }
}
