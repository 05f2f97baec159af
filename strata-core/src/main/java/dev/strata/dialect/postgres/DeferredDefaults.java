package dev.strata.dialect.postgres;

import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.Kind;
import dev.strata.schema.Dependency.SchemaObject;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Breaks the one dependency cycle a dump can meet: a table whose default or check calls a function
 * that (through its SQL-standard body, maybe through other functions or views) reads that same table.
 * No order of CREATE statements loads that, so the table is created without those defaults and
 * checks, and they are added by ALTER TABLE once the function exists, as pg_dump does.
 *
 * <p>Which default or check calls the function is found by the function's name in its expression.
 * Stateless apart from what it computed for one schema.
 */
final class DeferredDefaults {

    /** For each table, the names of the functions its deferred defaults and checks call. */
    private final Map<SchemaObject, Set<String>> deferred = new HashMap<>();

    private DeferredDefaults() {}

    /** Finds the table-to-function dependencies that lie on a cycle. */
    static DeferredDefaults of(Schema schema) {
        Map<SchemaObject, List<SchemaObject>> needs = new HashMap<>();
        for (Dependency dependency : schema.dependencies()) {
            needs.computeIfAbsent(dependency.dependent(), key -> new ArrayList<>())
                    .add(dependency.referenced());
        }
        DeferredDefaults result = new DeferredDefaults();
        for (Dependency dependency : schema.dependencies()) {
            if (dependency.dependent().kind() == Kind.TABLE
                    && dependency.referenced().kind() == Kind.ROUTINE
                    && reaches(needs, dependency.referenced(), dependency.dependent())) {
                result.deferred
                        .computeIfAbsent(dependency.dependent(), key -> new HashSet<>())
                        .add(dependency.referenced().name().name());
            }
        }
        return result;
    }

    private static boolean reaches(Map<SchemaObject, List<SchemaObject>> needs, SchemaObject from, SchemaObject to) {
        Set<SchemaObject> seen = new HashSet<>();
        Deque<SchemaObject> pending = new ArrayDeque<>(List.of(from));
        while (!pending.isEmpty()) {
            SchemaObject next = pending.pop();
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                pending.addAll(needs.getOrDefault(next, List.of()));
            }
        }
        return false;
    }

    /** Whether {@code table} waits for {@code function} only through a deferred default or check. */
    boolean isDeferred(SchemaObject table, SchemaObject function) {
        return function.kind() == Kind.ROUTINE
                && deferred.getOrDefault(table, Set.of())
                        .contains(function.name().name());
    }

    /** The table as its CREATE TABLE writes it: without the deferred defaults and checks. */
    Table withoutDeferred(Table table) {
        Set<String> functions = deferred.get(SchemaObject.of(table));
        if (functions == null) {
            return table;
        }
        List<Column> columns = table.columns().stream()
                .map(column -> calls(column.defaultValue(), functions)
                        ? new Column(
                                column.name(),
                                column.type(),
                                column.notNull(),
                                null,
                                column.collation(),
                                column.generated(),
                                column.identity(),
                                column.comment())
                        : column)
                .toList();
        // NOT VALID checks are added by ALTER TABLE anyway; only valid ones are inside CREATE TABLE.
        List<CheckConstraint> checks = table.checks().stream()
                .filter(check -> !check.valid() || !calls(check.expression(), functions))
                .toList();
        return new Table(
                table.name(),
                columns,
                table.primaryKey(),
                table.foreignKeys(),
                checks,
                table.uniques(),
                table.strict(),
                table.withoutRowid(),
                table.comment(),
                table.partitioning(),
                table.settings());
    }

    /** ALTER TABLE statements adding back what {@link #withoutDeferred} left out. */
    List<String> alterations(Schema schema, String home) {
        List<String> statements = new ArrayList<>();
        for (Table table : schema.tables()) {
            Set<String> functions = deferred.get(SchemaObject.of(table));
            if (functions == null) {
                continue;
            }
            String alter = "ALTER TABLE " + PostgresNames.qualified(table.name(), home);
            for (Column column : table.columns()) {
                if (calls(column.defaultValue(), functions)) {
                    statements.add(alter + " ALTER COLUMN " + PostgresNames.quote(column.name()) + " SET DEFAULT "
                            + column.defaultValue());
                }
            }
            for (CheckConstraint check : table.checks()) {
                if (check.valid() && calls(check.expression(), functions)) {
                    statements.add(alter + " ADD "
                            + (check.name() == null ? "" : "CONSTRAINT " + PostgresNames.quote(check.name()) + " ")
                            + "CHECK (" + check.expression()
                            + ")");
                }
            }
        }
        return statements;
    }

    private static boolean calls(String expression, Set<String> functions) {
        return expression != null
                && DependencyOrder.identifiers(expression).stream().anyMatch(functions::contains);
    }
}
