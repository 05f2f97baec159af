package dev.strata.report;

import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ER diagram of the HTML page shows, before any layout: one box per table with its columns
 * and their key marks, and one link per foreign key, from the referencing column to the referenced
 * one, labelled with its ON DELETE action. A foreign key may name a table the schema does not hold
 * (SQLite allows it); that target gets a box of its own, marked missing.
 *
 * @param boxes the tables in the schema's order, then the missing targets
 * @param links the foreign keys in table order
 */
record EntityDiagram(List<Box> boxes, List<Link> links) {

    EntityDiagram {
        boxes = List.copyOf(boxes);
        links = List.copyOf(links);
    }

    /**
     * @param name    the table as shown ({@code orders}, {@code billing.invoices})
     * @param rows    its columns
     * @param missing true for a foreign key's target that is not in the schema
     */
    record Box(String name, List<Row> rows, boolean missing) {
        Box {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param marks {@code PK}, {@code FK}, {@code PK FK}, or empty
     * @param name  the column's name
     * @param type  its declared type; empty when it has none
     */
    record Row(String marks, String name, String type) {}

    /**
     * @param from    the referencing box
     * @param fromRow its first key column, or -1 when that column is not found
     * @param to      the referenced box
     * @param toRow   the first referenced column, or -1 (the box's header) when not found
     * @param label   {@code ON DELETE CASCADE}
     */
    record Link(int from, int fromRow, int to, int toRow, String label) {}

    static EntityDiagram of(Schema schema) {
        Map<QualifiedName, Integer> index = new LinkedHashMap<>();
        List<Box> boxes = new ArrayList<>();
        for (Table table : schema.tables()) {
            index.put(table.name(), boxes.size());
            boxes.add(new Box(
                    schema.display(table.name()),
                    table.columns().stream().map(column -> row(table, column)).toList(),
                    false));
        }
        List<Link> links = new ArrayList<>();
        for (Table table : schema.tables()) {
            for (ForeignKey key : table.foreignKeys()) {
                Integer to = index.get(key.target());
                if (to == null) {
                    to = boxes.size();
                    index.put(key.target(), to);
                    boxes.add(new Box(schema.display(key.target()), List.of(), true));
                }
                int from = index.get(table.name());
                links.add(new Link(
                        from,
                        rowOf(boxes.get(from), key.columns()),
                        to,
                        rowOf(boxes.get(to), key.targetColumns()),
                        "ON DELETE " + key.onDelete().sql()));
            }
        }
        return new EntityDiagram(boxes, links);
    }

    private static Row row(Table table, Column column) {
        List<String> marks = new ArrayList<>();
        if (table.primaryKey() != null && table.primaryKey().columns().contains(column.name())) {
            marks.add("PK");
        }
        if (table.foreignKeys().stream().anyMatch(key -> key.columns().contains(column.name()))) {
            marks.add("FK");
        }
        return new Row(String.join(" ", marks), column.name(), column.type().strip());
    }

    private static int rowOf(Box box, List<String> columns) {
        if (columns.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < box.rows().size(); i++) {
            if (box.rows().get(i).name().equals(columns.get(0))) {
                return i;
            }
        }
        return -1;
    }
}
