package dev.strata.squash;

import dev.strata.dialect.SchemaWriter;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.source.Migration;
import dev.strata.sql.SquashedMigration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of a squash baseline: a header naming every migration it replaces ({@code -- strata:squashes}),
 * the schema as {@code strata dump} writes it (objects in dependency order) without its triggers, the
 * rows as INSERTs (tables that others reference first, each table's rows in the order the database
 * sorted them), the counters, then the triggers: created after the rows, so that loading the rows
 * does not fire them a second time.
 *
 * <p>Stateless.
 */
final class BaselineScript {

    private BaselineScript() {}

    static String write(List<Migration> replaced, String to, Schema schema, ShadowData data, SchemaWriter writer) {
        StringBuilder text = new StringBuilder();
        text.append("-- Squash baseline written by 'strata squash --to ")
                .append(to)
                .append("'. It replaces ")
                .append(replaced.size())
                .append(" migrations, ")
                .append(replaced.get(0).label())
                .append(" to ")
                .append(replaced.get(replaced.size() - 1).label())
                .append(":\n")
                .append("-- a new database runs this file instead; a database that applied them keeps its history,\n")
                .append("-- and this file counts as applied there. Don't edit it: the lines below are how\n")
                .append("-- strata recognises those databases.\n");
        for (Migration file : replaced) {
            text.append(new SquashedMigration(file.version().text(), file.checksum(), file.name(), 0).directive())
                    .append('\n');
            // An earlier baseline among them: what it replaced goes on, so that the databases that applied
            // those files are still recognised.
            for (SquashedMigration earlier :
                    SquashedMigration.readHeader(file.upSource(), file.upSql()).squashed()) {
                String within = earlier.within().isEmpty() ? file.version().text() : earlier.within();
                text.append(new SquashedMigration(earlier.version(), earlier.checksum(), earlier.name(), within, 0)
                                .directive())
                        .append('\n');
            }
        }
        schema.notCompared()
                .forEach(skipped -> text.append("-- not compared (not in this baseline): ")
                        .append(skipped.describe())
                        .append('\n'));
        text.append('\n');
        text.append(writer.script(withoutTriggers(schema)));
        List<ShadowData.TableRows> tables = referencedFirst(data.nonEmpty());
        if (!tables.isEmpty() || !data.counters().isEmpty()) {
            text.append("\n-- The rows the replaced migrations inserted.\n");
        }
        for (ShadowData.TableRows rows : tables) {
            String prefix = insertPrefix(rows, schema.defaultSchema(), writer);
            for (List<String> row : rows.rows()) {
                text.append(prefix).append(String.join(", ", row)).append(");\n");
            }
        }
        data.counters().forEach(statement -> text.append(statement).append(";\n"));
        if (!schema.triggers().isEmpty()) {
            text.append("\n-- Triggers last: loading the rows above must not fire them again.\n");
            for (Trigger trigger : schema.triggers()) {
                text.append(trigger.definition()).append(";\n");
            }
        }
        return text.toString();
    }

    private static String insertPrefix(ShadowData.TableRows rows, String home, SchemaWriter writer) {
        QualifiedName name = rows.table().name();
        String table = name.schema().equals(home)
                ? writer.quote(name.name())
                : writer.quote(name.schema()) + "." + writer.quote(name.name());
        // An identity column GENERATED ALWAYS refuses a given value unless the INSERT overrides it.
        boolean always = rows.table().columns().stream()
                .filter(column -> rows.columns().contains(column.name()))
                .map(Column::identity)
                .anyMatch("ALWAYS"::equalsIgnoreCase);
        return "INSERT INTO " + table + " ("
                + String.join(", ", rows.columns().stream().map(writer::quote).toList()) + ")"
                + (always ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (";
    }

    /**
     * The tables ordered so that each comes after the tables its foreign keys reference (name order
     * otherwise, so the text is stable); a cycle keeps name order for its members, which the check
     * that follows the writing finds out if the rows need it.
     */
    static List<ShadowData.TableRows> referencedFirst(List<ShadowData.TableRows> tables) {
        Map<QualifiedName, ShadowData.TableRows> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.table().name(), t));
        List<ShadowData.TableRows> ordered = new ArrayList<>();
        Set<QualifiedName> placed = new HashSet<>();
        while (ordered.size() < tables.size()) {
            boolean progress = false;
            for (ShadowData.TableRows candidate : byName.values()) {
                if (!placed.contains(candidate.table().name()) && ready(candidate.table(), byName, placed)) {
                    ordered.add(candidate);
                    placed.add(candidate.table().name());
                    progress = true;
                }
            }
            if (!progress) {
                byName.values().stream()
                        .filter(t -> !placed.contains(t.table().name()))
                        .forEach(t -> {
                            ordered.add(t);
                            placed.add(t.table().name());
                        });
            }
        }
        return ordered;
    }

    private static boolean ready(
            Table table, Map<QualifiedName, ShadowData.TableRows> tables, Set<QualifiedName> placed) {
        for (ForeignKey key : table.foreignKeys()) {
            QualifiedName target = key.target();
            if (!target.equals(table.name()) && tables.containsKey(target) && !placed.contains(target)) {
                return false;
            }
        }
        return true;
    }

    private static Schema withoutTriggers(Schema schema) {
        return new Schema(
                schema.engine(),
                schema.defaultSchema(),
                schema.schemas(),
                schema.tables(),
                schema.views(),
                schema.indexes(),
                List.of(),
                schema.sequences(),
                schema.types(),
                schema.routines(),
                schema.extensions(),
                schema.virtualTables(),
                schema.policies(),
                schema.grants(),
                schema.dependencies(),
                schema.notCompared());
    }
}
