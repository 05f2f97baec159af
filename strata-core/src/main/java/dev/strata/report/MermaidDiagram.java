package dev.strata.report;

import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A schema as a Mermaid {@code erDiagram}: every table with its columns (type, PK, FK, UK) and one
 * relationship per foreign key, drawn from the referencing table to the referenced one.
 */
final class MermaidDiagram {

    /** Mermaid accepts letters, digits, '_' and '-' in names; types may also hold brackets. */
    private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9_-]");

    private static final Pattern NOT_TYPE = Pattern.compile("[^A-Za-z0-9_()\\[\\]-]");

    private MermaidDiagram() {}

    static String of(Schema schema) {
        List<String> lines = new ArrayList<>();
        lines.add("erDiagram");
        for (Table table : schema.tables()) {
            lines.add("    " + entity(schema, table) + " {");
            for (Column column : table.columns()) {
                lines.add("        " + type(column) + " " + name(column.name()) + keys(table, column));
            }
            lines.add("    }");
        }
        for (Table table : schema.tables()) {
            for (ForeignKey key : table.foreignKeys()) {
                boolean optional = key.columns().stream()
                        .anyMatch(name -> table.column(name)
                                .map(column -> !column.notNull())
                                .orElse(true));
                lines.add("    " + entity(schema, table) + " }o--" + (optional ? "o|" : "||") + " "
                        + name(schema.display(key.target())) + " : \"" + String.join(", ", key.columns()) + "\"");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String entity(Schema schema, Table table) {
        return name(schema.display(table.name()));
    }

    private static String name(String name) {
        return NOT_NAME.matcher(name).replaceAll("_");
    }

    private static String type(Column column) {
        if (column.type().isEmpty()) {
            return "ANY";
        }
        String type = NOT_TYPE.matcher(column.type().strip().replace(' ', '_')).replaceAll("_");
        return Character.isLetter(type.charAt(0)) ? type : "T" + type;
    }

    private static String keys(Table table, Column column) {
        List<String> keys = new ArrayList<>();
        if (table.primaryKey() != null && table.primaryKey().columns().contains(column.name())) {
            keys.add("PK");
        }
        if (table.foreignKeys().stream().anyMatch(key -> key.columns().contains(column.name()))) {
            keys.add("FK");
        }
        if (table.uniques().stream().anyMatch(unique -> unique.columns().contains(column.name()))) {
            keys.add("UK");
        }
        return keys.isEmpty() ? "" : " " + String.join(", ", keys);
    }
}
