package dev.strata.report;

import dev.strata.history.AppliedMigration;
import dev.strata.report.HistoryDocument.Breaking;
import dev.strata.report.HistoryDocument.Entry;
import dev.strata.report.HistoryDocument.Item;
import dev.strata.report.HistoryDocument.Section;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.SchemaChange.Change;
import dev.strata.schema.SchemaChange.ObjectKind;
import dev.strata.schema.Table;
import dev.strata.schema.UserType;
import dev.strata.shadow.ShadowStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the steps of a shadow replay into a {@link HistoryDocument}: each migration's facts come from
 * the schema changes it made on the shadow and from the schema after it, never from its SQL text
 * (only the purpose is read from the file's leading comment).
 */
final class HistoryBuilder {

    /** Objects whose loss breaks code that uses them; a dropped index only slows it down. */
    private static final Set<ObjectKind> DROPS_THAT_BREAK = Set.of(
            ObjectKind.TABLE,
            ObjectKind.COLUMN,
            ObjectKind.VIEW,
            ObjectKind.TYPE,
            ObjectKind.ROUTINE,
            ObjectKind.SEQUENCE,
            ObjectKind.SCHEMA);

    private static final Set<ObjectKind> OTHER_KINDS = Set.of(
            ObjectKind.VIEW,
            ObjectKind.TRIGGER,
            ObjectKind.ROUTINE,
            ObjectKind.TYPE,
            ObjectKind.SEQUENCE,
            ObjectKind.EXTENSION,
            ObjectKind.SCHEMA,
            ObjectKind.VIRTUAL_TABLE);

    private HistoryBuilder() {}

    static HistoryDocument build(String engine, String folder, List<ShadowStep> steps, Schema finalSchema) {
        List<Entry> entries = new ArrayList<>();
        List<Breaking> breaking = new ArrayList<>();
        for (ShadowStep step : steps) {
            entries.add(entry(step));
            breaking.addAll(breaking(step));
        }
        int foreignKeys = finalSchema.tables().stream()
                .mapToInt(table -> table.foreignKeys().size())
                .sum();
        String current =
                steps.isEmpty() ? "" : steps.get(steps.size() - 1).migration().label();
        HistoryDocument.Totals totals = new HistoryDocument.Totals(
                steps.size(),
                finalSchema.tables().size(),
                finalSchema.indexes().size(),
                foreignKeys,
                finalSchema.views().size(),
                current);
        return new HistoryDocument(
                engine,
                folder,
                "",
                entries,
                totals,
                breaking,
                MermaidDiagram.of(finalSchema),
                SvgDiagram.of(finalSchema),
                List.of());
    }

    /**
     * The document of a live database: its tables (with columns, foreign keys and enums) and diagram,
     * and from its history how many migrations were applied; no per-migration facts, which only a
     * replay of the files gives.
     */
    static HistoryDocument live(String engine, String database, List<AppliedMigration> applied, Schema schema) {
        List<AppliedMigration> succeeded =
                applied.stream().filter(AppliedMigration::success).toList();
        int foreignKeys = schema.tables().stream()
                .mapToInt(table -> table.foreignKeys().size())
                .sum();
        String current =
                succeeded.isEmpty() ? "" : succeeded.get(succeeded.size() - 1).label();
        HistoryDocument.Totals totals = new HistoryDocument.Totals(
                succeeded.size(),
                schema.tables().size(),
                schema.indexes().size(),
                foreignKeys,
                schema.views().size(),
                current);
        List<Item> tables = new ArrayList<>();
        for (Table table : schema.tables()) {
            List<Item> details = new ArrayList<>(columns(schema, table));
            table.foreignKeys().forEach(key -> details.add(foreignKey(schema, table, key)));
            table.checks().forEach(check -> enumOf(schema, table, check).ifPresent(details::add));
            int count = table.columns().size();
            tables.add(new Item(
                    schema.display(table.name()), "(" + count + " column" + (count == 1 ? "" : "s") + ")", details));
        }
        return new HistoryDocument(
                engine,
                "",
                database,
                List.of(),
                totals,
                List.of(),
                MermaidDiagram.of(schema),
                SvgDiagram.of(schema),
                tables);
    }

    private static Entry entry(ShadowStep step) {
        Schema after = step.after();
        List<SchemaChange> changes = step.changes();
        List<Item> created = new ArrayList<>();
        List<Item> dropped = new ArrayList<>();
        List<Item> indexesAdded = new ArrayList<>();
        List<Item> indexesDropped = new ArrayList<>();
        List<Item> foreignKeys = new ArrayList<>();
        List<Item> enums = new ArrayList<>();
        List<Item> other = new ArrayList<>();
        Map<String, List<Item>> altered = new LinkedHashMap<>();
        for (SchemaChange change : changes) {
            ObjectKind kind = change.kind();
            if (kind == ObjectKind.TABLE && change.change() == Change.ADDED) {
                Table table = after.table(change.name()).orElseThrow();
                created.add(new Item(change.name(), "(" + change.after() + ")", columns(after, table)));
                table.foreignKeys().forEach(key -> foreignKeys.add(foreignKey(after, table, key)));
                table.checks().forEach(check -> enumOf(after, table, check).ifPresent(enums::add));
            } else if (kind == ObjectKind.TABLE && change.change() == Change.REMOVED) {
                dropped.add(new Item(change.name(), ""));
            } else if (kind == ObjectKind.INDEX) {
                if (change.change() == Change.ADDED) {
                    indexesAdded.add(new Item(change.name(), change.after()));
                } else if (change.change() == Change.REMOVED) {
                    indexesDropped.add(new Item(change.name(), ""));
                } else {
                    other.add(new Item(change.describe(), ""));
                }
            } else if (OTHER_KINDS.contains(kind)) {
                other.add(new Item(change.describe(), ""));
                if (kind == ObjectKind.TYPE && change.change() != Change.REMOVED) {
                    after.types().stream()
                            .filter(type -> after.display(type.name()).equals(change.name())
                                    && type.kind() == UserType.Kind.ENUM)
                            .findFirst()
                            .ifPresent(type -> enums.add(new Item(change.name(), values(type.labels()))));
                }
            } else {
                String table = kind == ObjectKind.TABLE ? change.name() : change.table();
                altered.computeIfAbsent(table, t -> new ArrayList<>()).add(new Item(change.describe(), ""));
                alteredConstraint(after, change, foreignKeys, enums);
            }
        }
        List<Item> alteredTables = altered.entrySet().stream()
                .map(e -> new Item(e.getKey(), "", e.getValue()))
                .toList();
        List<Section> sections = new ArrayList<>();
        section(sections, "Tables created", created);
        section(sections, "Tables altered", alteredTables);
        section(sections, "Tables dropped", dropped);
        section(sections, "Indexes added", indexesAdded);
        section(sections, "Indexes dropped", indexesDropped);
        section(sections, "Foreign keys", foreignKeys);
        section(sections, "Enums (CHECK constraints)", enums);
        section(sections, "Other changes", other);
        if (sections.isEmpty()) {
            sections.add(new Section(
                    "Changes",
                    List.of(new Item("", "No schema change (data only, or nothing" + " the catalog shows)."))));
        }
        return new Entry(
                step.migration().label(),
                step.migration().upSource(),
                LeadingComment.purpose(step.migration().upSql()),
                sections);
    }

    /** A foreign key or CHECK added to, or changed in, a table that already existed. */
    private static void alteredConstraint(Schema after, SchemaChange change, List<Item> foreignKeys, List<Item> enums) {
        Optional<Table> table = Optional.ofNullable(change.table()).flatMap(after::table);
        if (table.isEmpty() || change.change() == Change.REMOVED) {
            return;
        }
        if (change.kind() == ObjectKind.FOREIGN_KEY) {
            table.get().foreignKeys().stream()
                    .filter(key -> keyName(key).equals(change.name())
                            || key.columns().size() > 1 && change.name().startsWith(keyName(key)))
                    .findFirst()
                    .ifPresent(key -> foreignKeys.add(foreignKey(after, table.get(), key)));
        } else if (change.kind() == ObjectKind.CHECK) {
            table.get().checks().stream()
                    .filter(check ->
                            change.name().equals(check.name()) || change.name().equals(check.expression()))
                    .findFirst()
                    .flatMap(check -> enumOf(after, table.get(), check))
                    .ifPresent(enums::add);
        }
    }

    private static String keyName(ForeignKey key) {
        return key.columns().size() == 1 ? key.columns().get(0) : "(" + String.join(", ", key.columns()) + ")";
    }

    private static List<Breaking> breaking(ShadowStep step) {
        String label = step.migration().label();
        List<Breaking> found = new ArrayList<>();
        for (SchemaChange change : step.changes()) {
            if (change.change() == Change.REMOVED && DROPS_THAT_BREAK.contains(change.kind())) {
                found.add(new Breaking(label, "drop", change.describe()));
            } else if (change.change() == Change.ALTERED
                    && SchemaChange.ASPECT_NAME.equals(change.aspect())
                    && (change.kind() == ObjectKind.TABLE || change.kind() == ObjectKind.COLUMN)) {
                found.add(new Breaking(label, "rename", change.describe()));
            } else if (change.change() == Change.ALTERED
                    && change.kind() == ObjectKind.COLUMN
                    && SchemaChange.ASPECT_TYPE.equals(change.aspect())) {
                found.add(new Breaking(label, "type change", change.describe()));
            } else if (change.change() == Change.ALTERED
                    && change.kind() == ObjectKind.COLUMN
                    && SchemaChange.ASPECT_NOT_NULL.equals(change.aspect())
                    && "yes".equals(change.after())) {
                found.add(new Breaking(label, "NOT NULL added", change.describe()));
            }
        }
        return found;
    }

    private static List<Item> columns(Schema schema, Table table) {
        return table.columns().stream()
                .map(column -> new Item(column.name(), describe(schema, table, column)))
                .toList();
    }

    /** {@code INTEGER PRIMARY KEY AUTOINCREMENT}, {@code TEXT NOT NULL UNIQUE -> users(id)}. */
    private static String describe(Schema schema, Table table, Column column) {
        List<String> parts = new ArrayList<>();
        parts.add(column.type().isEmpty() ? "(no type)" : column.type());
        if (table.primaryKey() != null && table.primaryKey().columns().equals(List.of(column.name()))) {
            parts.add("PRIMARY KEY" + (table.primaryKey().autoincrement() ? " AUTOINCREMENT" : ""));
        }
        if (column.notNull()) {
            parts.add("NOT NULL");
        }
        if (table.uniques().stream().anyMatch(unique -> unique.columns().equals(List.of(column.name())))) {
            parts.add("UNIQUE");
        }
        if (column.defaultValue() != null) {
            parts.add("DEFAULT " + column.defaultValue());
        }
        if (column.identity() != null) {
            parts.add("GENERATED " + column.identity() + " AS IDENTITY");
        }
        if (column.generated() != null) {
            parts.add("AS (" + column.generated().expression() + ")");
        }
        table.foreignKeys().stream()
                .filter(key -> key.columns().equals(List.of(column.name())))
                .findFirst()
                .ifPresent(key -> parts.add(
                        "-> " + schema.display(key.target()) + "(" + String.join(", ", key.targetColumns()) + ")"));
        return String.join(" ", parts);
    }

    private static Item foreignKey(Schema schema, Table table, ForeignKey key) {
        String columns =
                key.columns().size() == 1 ? key.columns().get(0) : "(" + String.join(", ", key.columns()) + ")";
        return new Item(
                schema.display(table.name()) + "." + columns + " -> " + schema.display(key.target()) + "("
                        + String.join(", ", key.targetColumns()) + ")",
                "ON DELETE " + key.onDelete().sql());
    }

    private static Optional<Item> enumOf(Schema schema, Table table, CheckConstraint check) {
        return CheckEnums.read(check)
                .map(list -> new Item(schema.display(table.name()) + "." + list.column(), values(list.values())));
    }

    private static String values(List<String> values) {
        return values.stream()
                .map(value -> "'" + value.replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
    }

    private static void section(List<Section> sections, String title, List<Item> items) {
        if (!items.isEmpty()) {
            sections.add(new Section(title, items));
        }
    }
}
