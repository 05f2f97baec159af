package dev.strata.dialect.sqlite;

import dev.strata.refactor.AlterTarget;
import dev.strata.refactor.Alteration;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One table rebuild, written the way SQLite's documentation prescribes for changes ALTER TABLE can't
 * make (lang_altertable.html, section 7): create the new table, copy the rows with INSERT ... SELECT
 * inside the engine, drop the old table, rename the new one, create every index, trigger and view
 * again, and check the foreign keys.
 *
 * <p><b>Plain SQLite.</b> The migration says {@code -- strata:foreign-keys off}: strata switches
 * enforcement off around the migration's transaction (the PRAGMA does nothing inside one), so dropping
 * the old table neither cascades into nor is blocked by the tables that reference it.
 *
 * <p><b>Cloudflare D1.</b> Foreign keys are always enforced and a migration may not hold BEGIN or
 * PRAGMA foreign_keys. Dropping a referenced table deletes its rows first, which fires ON DELETE
 * CASCADE, SET NULL and RESTRICT in the tables that reference it, and {@code defer_foreign_keys} does
 * not stop actions. So every table that references a rebuilt table (transitively) is rebuilt too, its
 * new copy pointing at the new tables; the old tables are dropped children first, when nothing but
 * other old tables points at them, and only then are the new ones renamed (SQLite rewrites the
 * references to the new names as it renames). {@code defer_foreign_keys} lets the copies land in any
 * order.
 *
 * <p>The checks: each rebuilt or referencing table has as many rows after as before (counted into a
 * temporary table first); every converted number is within the tolerance of the value before; a value
 * that is not a number where a number is wanted stops the migration and is listed (a CAST would have
 * made it 0); and PRAGMA foreign_key_check finds nothing. A column that becomes NOT NULL is
 * guarded by a {@code -- strata:require} precondition, checked before any statement, that lists the
 * rows holding a NULL there; the copy itself still fails on such a row, so that a tool that ignores
 * the directive can't lose it either.
 */
final class SqliteRebuild {

    private static final SqliteSchemaWriter SQL = SqliteSchemaWriter.INSTANCE;

    private final Alteration alteration;
    private final Schema schema;
    private final String tag;
    /** The tables rebuilt, the altered one first, each with the name of its new copy. */
    private final Map<QualifiedName, String> rebuilt = new LinkedHashMap<>();

    private final List<String> statements = new ArrayList<>();
    private final List<String> verifications = new ArrayList<>();
    private final List<String> explanation = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final List<String> requirements = new ArrayList<>();

    SqliteRebuild(Alteration alteration, String tag) {
        this.alteration = alteration;
        this.schema = alteration.schema();
        this.tag = tag;
        QualifiedName table = alteration.before().name();
        rebuilt.put(table, freshName(table.name()));
        if (alteration.target() == AlterTarget.D1) {
            addReferencingTables();
        }
        write();
    }

    List<String> statements() {
        return statements;
    }

    List<String> verifications() {
        return verifications;
    }

    /** {@code require} directives (without the {@code -- strata:} prefix) for the migration's header. */
    List<String> requirements() {
        return requirements;
    }

    List<String> explanation() {
        return explanation;
    }

    List<String> notices() {
        return notices;
    }

    private void addReferencingTables() {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Table table : schema.tables()) {
                boolean references = table.foreignKeys().stream().anyMatch(key -> rebuilt.containsKey(key.target()));
                if (references && !rebuilt.containsKey(table.name())) {
                    rebuilt.put(table.name(), freshName(table.name().name()));
                    grew = true;
                }
            }
        }
        List<String> children =
                rebuilt.keySet().stream().skip(1).map(QualifiedName::name).toList();
        if (!children.isEmpty()) {
            notices.add(
                    "For Cloudflare D1, where foreign keys are always enforced, the migration also rebuilds "
                            + String.join(", ", children) + ", which reference " + alteration.tableName()
                            + " directly or through one another: dropping a referenced table would delete or block their rows.");
        }
    }

    private void write() {
        Table altered = alteration.before();
        String name = altered.name().name();
        explanation.add("Rebuilds " + name + " the way SQLite's documentation prescribes for changes ALTER TABLE can't"
                + " make");
        explanation.add(
                "(sqlite.org/lang_altertable.html, section 7): new table, copy inside the engine, drop," + " rename,");
        explanation.add("then every index, trigger and view is created again.");
        if (alteration.target() == AlterTarget.D1) {
            explanation.add("Written for Cloudflare D1: no BEGIN/COMMIT and no PRAGMA foreign_keys. Foreign keys stay"
                    + " enforced,");
            explanation.add("so tables that reference a rebuilt table are rebuilt too, and the old tables are dropped"
                    + " only");
            explanation.add("when nothing else points at them: no ON DELETE action can fire.");
            statements.add("PRAGMA defer_foreign_keys = ON");
        } else {
            explanation.add("strata runs it with foreign keys off (the PRAGMA is ignored inside a transaction, so the");
            explanation.add("directive below makes strata switch it around the transaction): dropping the old table");
            explanation.add("then neither cascades into nor is blocked by the tables that reference it.");
        }

        Set<QualifiedName> counted = new LinkedHashSet<>(rebuilt.keySet());
        schema.tables().stream()
                .filter(t -> t.foreignKeys().stream().anyMatch(k -> rebuilt.containsKey(k.target())))
                .forEach(t -> counted.add(t.name()));
        recordCounts(counted);
        SqliteConversionChecks conversions = new SqliteConversionChecks(alteration, tag);
        statements.addAll(conversions.before());
        requireValues();

        SqliteDependents dependents = SqliteDependents.of(schema, rebuilt.keySet());
        for (Trigger trigger : dependents.triggers()) {
            statements.add("DROP TRIGGER " + SQL.quote(trigger.name().name()));
        }
        List<View> views = new ArrayList<>(dependents.views());
        java.util.Collections.reverse(views);
        for (View view : views) {
            statements.add("DROP VIEW " + SQL.quote(view.name().name()));
        }

        for (Map.Entry<QualifiedName, String> entry : rebuilt.entrySet()) {
            Table shape = entry.getKey().equals(altered.name())
                    ? alteration.after()
                    : schema.table(entry.getKey()).orElseThrow();
            boolean checked = entry.getKey().equals(altered.name())
                    && alteration.conversions().stream().anyMatch(c -> SqliteConversionChecks.isNumeric(c.toType()));
            statements.add((checked
                            ? "-- strata:allow lossy-type-change values are copied without CAST, and the checks"
                                    + " at the end list any that is not a number or moved\n"
                            : "")
                    + SQL.createTable(renamedCopy(shape, entry.getValue())));
            statements.add(copy(entry.getKey(), shape, entry.getValue()));
            if (shape.primaryKey() != null && shape.primaryKey().autoincrement()) {
                statements.add("-- Keep AUTOINCREMENT's high-water mark, so ids of deleted rows are never reused.\n"
                        + "UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = "
                        + SqliteAlterWriter.literal(entry.getKey().name()) + ") WHERE name = "
                        + SqliteAlterWriter.literal(entry.getValue()) + " AND EXISTS (SELECT 1 FROM sqlite_sequence"
                        + " WHERE name = "
                        + SqliteAlterWriter.literal(entry.getKey().name()) + ")");
            }
        }
        List<QualifiedName> dropOrder = new ArrayList<>(rebuilt.keySet());
        java.util.Collections.reverse(dropOrder);
        for (QualifiedName table : dropOrder) {
            statements.add("DROP TABLE " + SQL.quote(table.name()));
        }
        for (Map.Entry<QualifiedName, String> entry : rebuilt.entrySet()) {
            statements.add("ALTER TABLE " + SQL.quote(entry.getValue()) + " RENAME TO "
                    + SQL.quote(entry.getKey().name()));
        }
        for (Index index : dependents.indexes()) {
            statements.add(SqliteAlterWriter.ifNotExists(SQL.createIndex(index)));
        }
        for (View view : dependents.views()) {
            statements.add(SQL.createView(view));
        }
        for (Trigger trigger : dependents.triggers()) {
            statements.add(trigger.definition());
        }

        checkCounts(counted);
        verifications.addAll(conversions.verifications());
        for (QualifiedName table : counted) {
            verifications.add("PRAGMA foreign_key_check(" + SQL.quote(table.name()) + ")");
        }
    }

    /** The copy's CREATE TABLE: its own name, and foreign keys to rebuilt tables pointing at their copies. */
    private Table renamedCopy(Table shape, String copyName) {
        List<ForeignKey> keys = shape.foreignKeys().stream()
                .map(key -> rebuilt.containsKey(key.target())
                        ? new ForeignKey(
                                key.name(),
                                key.columns(),
                                new QualifiedName(key.target().schema(), rebuilt.get(key.target())),
                                key.targetColumns(),
                                key.onDelete(),
                                key.onUpdate(),
                                key.deferrable(),
                                key.initiallyDeferred(),
                                key.valid())
                        : key)
                .toList();
        return new Table(
                new QualifiedName(shape.name().schema(), copyName),
                shape.columns(),
                shape.primaryKey(),
                keys,
                shape.checks(),
                shape.uniques(),
                shape.strict(),
                shape.withoutRowid(),
                shape.comment(),
                shape.partitioning());
    }

    /** INSERT INTO copy (columns) SELECT ... FROM old: stored columns only, rowid kept when it is not a column. */
    private String copy(QualifiedName old, Table shape, String copyName) {
        boolean altered = old.equals(alteration.before().name());
        List<String> into = new ArrayList<>();
        List<String> from = new ArrayList<>();
        boolean hasRowidAlias = shape.columns().stream().anyMatch(c -> SqliteAlterWriter.isRowidAlias(shape, c));
        if (!shape.withoutRowid() && !hasRowidAlias) {
            into.add("rowid");
            from.add("rowid");
        }
        for (Column column : shape.columns()) {
            if (column.generated() != null) {
                continue;
            }
            String source = altered ? sourceOf(column) : SQL.quote(column.name());
            if (source != null) {
                into.add(SQL.quote(column.name()));
                from.add(source);
            }
        }
        return "INSERT INTO " + SQL.quote(copyName) + " (" + String.join(", ", into) + ")\nSELECT "
                + String.join(", ", from) + "\nFROM " + SQL.quote(old.name());
    }

    /** What the new column is filled from; null for a new column, which takes its default. */
    private String sourceOf(Column column) {
        java.util.Optional<Alteration.Conversion> conversion = alteration.conversionOf(column.name());
        if (conversion.isPresent()) {
            return SqliteConversionChecks.copyExpression(conversion.get());
        }
        return alteration.oldNameOf(column.name()).map(SQL::quote).orElse(null);
    }

    /**
     * Preconditions for what the copy would fail on, so that strata names the rows first: a NULL in a
     * column that becomes NOT NULL, and in a STRICT table a value that is not a number where the new
     * type wants one. The copy still fails on such a row, for a tool that ignores the directive.
     */
    private void requireValues() {
        for (String name : alteration.newlyNotNull()) {
            alteration
                    .after()
                    .column(name)
                    .map(this::sourceOf)
                    .ifPresent(source -> require(
                            "rows_with_no_" + name,
                            source + " IS NULL",
                            name + " becomes NOT NULL, so every row of " + alteration.tableName()
                                    + " needs a value there: the rows listed have none; give them one first"));
        }
        if (alteration.after().strict()) {
            for (Alteration.Conversion conversion : alteration.conversions()) {
                if (SqliteConversionChecks.isNumeric(conversion.toType())) {
                    String value = SqliteConversionChecks.value(conversion);
                    require(
                            "rows_where_" + conversion.column() + "_is_not_a_number",
                            value + " IS NOT NULL AND NOT (" + SqliteConversionChecks.isNumber(value) + ")",
                            conversion.column() + " becomes " + conversion.toType() + " in a STRICT table, which"
                                    + " refuses a value that is not a number: the rows listed hold one; change them"
                                    + " (or convert them with --using) first");
                }
            }
        }
    }

    /**
     * A precondition that holds (one row, true) when no row of the old table matches {@code where},
     * and otherwise returns those rows' keys, which strata shows. The keys are text, so that one row
     * with key 1 can't read as true.
     */
    private void require(String label, String where, String message) {
        Table old = alteration.before();
        String keys = SqliteConversionChecks.keyColumns(old, java.util.function.UnaryOperator.identity()).stream()
                .map(key -> SqliteAlterWriter.literal(key + " = ") + " || " + key)
                .collect(Collectors.joining(" || ', ' || "));
        String rows = " FROM " + SQL.quote(old.name().name()) + " WHERE " + where;
        requirements.add("require SELECT true AS " + SQL.quote(label) + " WHERE NOT EXISTS (SELECT 1" + rows
                + ") UNION ALL SELECT " + keys + rows + " -- " + message);
    }

    private void recordCounts(Set<QualifiedName> tables) {
        String counts = tables.stream()
                .map(t -> "SELECT " + SqliteAlterWriter.literal(t.name()) + " AS table_name,"
                        + " COUNT(*) AS rows_before FROM " + SQL.quote(t.name()))
                .collect(Collectors.joining("\nUNION ALL "));
        statements.add("-- Row counts before, for the checks at the end.\nCREATE TEMP TABLE " + countsTable() + " AS\n"
                + counts);
    }

    private void checkCounts(Set<QualifiedName> tables) {
        for (QualifiedName table : tables) {
            String count = "(SELECT COUNT(*) FROM " + SQL.quote(table.name()) + ")";
            verifications.add("SELECT table_name, rows_before, " + count + " AS rows_after FROM temp." + countsTable()
                    + " WHERE table_name = " + SqliteAlterWriter.literal(table.name()) + " AND rows_before <> "
                    + count);
        }
    }

    private String countsTable() {
        return "strata_" + tag + "_row_counts";
    }

    /** {@code TABLE_new}, or with a number when that name is taken. */
    private String freshName(String table) {
        Set<String> taken = new java.util.HashSet<>();
        schema.tables().forEach(t -> taken.add(t.name().name().toLowerCase(Locale.ROOT)));
        schema.views().forEach(v -> taken.add(v.name().name().toLowerCase(Locale.ROOT)));
        schema.indexes().forEach(i -> taken.add(i.name().name().toLowerCase(Locale.ROOT)));
        rebuilt.values().forEach(v -> taken.add(v.toLowerCase(Locale.ROOT)));
        String candidate = table + "_new";
        for (int n = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = table + "_new" + n;
        }
        return candidate;
    }
}
