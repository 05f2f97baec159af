package dev.strata.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a database's catalog says about its structure, in one canonical order: two databases
 * with the same schema give equal {@code Schema} values, whatever order their objects were created
 * in. Strata's own history tables are never part of it.
 *
 * @param engine        {@code sqlite} or {@code postgres}
 * @param defaultSchema the namespace names are shown without: {@code main} for SQLite, the
 *                      session's current schema for PostgreSQL
 * @param schemas       PostgreSQL schemas other than the system ones; empty for SQLite
 * @param virtualTables SQLite virtual tables (FTS5, R*Tree, ...), without the tables their modules
 *                      keep their data in
 * @param policies      row-level security policies
 * @param grants        privileges granted on tables, views and their columns
 * @param dependencies  which object needs which other when it is created; used for the order of a
 *                      dump, not a difference of its own
 * @param notCompared   what the database holds that the model does not describe: never compared,
 *                      never dumped, but always listed
 */
public record Schema(
        String engine,
        String defaultSchema,
        List<String> schemas,
        List<Table> tables,
        List<View> views,
        List<Index> indexes,
        List<Trigger> triggers,
        List<Sequence> sequences,
        List<UserType> types,
        List<Routine> routines,
        List<Extension> extensions,
        List<VirtualTable> virtualTables,
        List<Policy> policies,
        List<Grant> grants,
        List<Dependency> dependencies,
        List<NotCompared> notCompared) {

    public Schema {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(defaultSchema, "defaultSchema");
        schemas = CanonicalOrder.sorted(schemas, Comparator.naturalOrder());
        tables = CanonicalOrder.sorted(tables, Comparator.comparing(Table::name));
        views = CanonicalOrder.sorted(views, Comparator.comparing(View::name));
        indexes = CanonicalOrder.sorted(indexes, Comparator.comparing(Index::name));
        triggers = CanonicalOrder.sorted(triggers, Comparator.comparing(Trigger::name));
        sequences = CanonicalOrder.sorted(sequences, Comparator.comparing(Sequence::name));
        types = CanonicalOrder.sorted(types, Comparator.comparing(UserType::name));
        routines = CanonicalOrder.sorted(
                routines, Comparator.comparing(Routine::name).thenComparing(Routine::arguments));
        extensions = CanonicalOrder.sorted(extensions, Comparator.comparing(Extension::name));
        virtualTables = CanonicalOrder.sorted(virtualTables, Comparator.comparing(VirtualTable::name));
        policies = CanonicalOrder.sorted(
                policies, Comparator.comparing(Policy::table).thenComparing(Policy::name));
        grants = CanonicalOrder.sorted(grants, Comparator.comparing(Grant::key));
        dependencies = CanonicalOrder.sorted(
                        dependencies,
                        Comparator.comparing(Dependency::dependent).thenComparing(Dependency::referenced))
                .stream()
                .distinct()
                .toList();
        notCompared = CanonicalOrder.sorted(
                notCompared, Comparator.comparing(NotCompared::kind).thenComparing(NotCompared::name));
    }

    /** A schema of the objects every engine has, without virtual tables, security or dependencies. */
    public Schema(
            String engine,
            String defaultSchema,
            List<String> schemas,
            List<Table> tables,
            List<View> views,
            List<Index> indexes,
            List<Trigger> triggers,
            List<Sequence> sequences,
            List<UserType> types,
            List<Routine> routines,
            List<Extension> extensions) {
        this(
                engine,
                defaultSchema,
                schemas,
                tables,
                views,
                indexes,
                triggers,
                sequences,
                types,
                routines,
                extensions,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    /** The same schema with other tables (and everything else as it is). */
    public Schema withTables(List<Table> replacement) {
        return new Schema(
                engine,
                defaultSchema,
                schemas,
                replacement,
                views,
                indexes,
                triggers,
                sequences,
                types,
                routines,
                extensions,
                virtualTables,
                policies,
                grants,
                dependencies,
                notCompared);
    }

    /** A schema with nothing in it. */
    public static Schema empty(String engine, String defaultSchema) {
        return new Schema(
                engine,
                defaultSchema,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    public Optional<Table> table(QualifiedName name) {
        // The tables are sorted by name (see the constructor): a binary search keeps the many lookups
        // of a schema diff or a lint run from growing with the square of the table count.
        int low = 0;
        int high = tables.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = tables.get(middle).name().compareTo(name);
            if (order == 0) {
                return Optional.of(tables.get(middle));
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
    }

    /**
     * Looks a table up by its shown name: {@code schema.name}, or a name in the default schema. A shown
     * name with a dot is ambiguous (SQLite allows {@code "a.b"} as a table name), so when no table
     * {@code b} lives in a schema {@code a}, the whole name is tried in the default schema.
     */
    public Optional<Table> table(String name) {
        Optional<Table> qualified = table(qualify(name));
        return qualified.isPresent() || name.indexOf('.') < 0
                ? qualified
                : table(new QualifiedName(defaultSchema, name));
    }

    public List<Index> indexesOn(QualifiedName table) {
        return indexes.stream().filter(index -> index.table().equals(table)).toList();
    }

    public List<Policy> policiesOn(QualifiedName table) {
        return policies.stream().filter(policy -> policy.table().equals(table)).toList();
    }

    public List<Trigger> triggersOn(QualifiedName table) {
        return triggers.stream()
                .filter(trigger -> trigger.table().equals(table))
                .toList();
    }

    /** The tables with a foreign key pointing at {@code target}, each with that key. */
    public List<Reference> referencesTo(QualifiedName target) {
        return tables.stream()
                .flatMap(table -> table.foreignKeys().stream()
                        .filter(key -> key.target().equals(target))
                        .map(key -> new Reference(table, key)))
                .toList();
    }

    /** A name as people read it: without the default schema. */
    public String display(QualifiedName name) {
        return name.display(defaultSchema);
    }

    /** {@code name} in the default schema, or {@code schema.name} split at the first dot. */
    public QualifiedName qualify(String name) {
        int dot = name.indexOf('.');
        return dot < 0
                ? new QualifiedName(defaultSchema, name)
                : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
    }

    /** True when the database holds no objects at all. */
    public boolean isEmpty() {
        return tables.isEmpty()
                && views.isEmpty()
                && indexes.isEmpty()
                && triggers.isEmpty()
                && sequences.isEmpty()
                && types.isEmpty()
                && routines.isEmpty()
                && extensions.isEmpty()
                && virtualTables.isEmpty()
                && policies.isEmpty()
                && grants.isEmpty();
    }

    /** A foreign key of {@code table} that points at another table. */
    public record Reference(Table table, ForeignKey key) {}
}
